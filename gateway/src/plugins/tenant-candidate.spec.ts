import { describe, expect, it } from 'vitest';
import { TENANT_STRATEGIES } from '../environment';
import { hostOf, tenantCandidate } from './tenant-candidate';

const options = { strategies: TENANT_STRATEGIES, baseDomain: 'academy.mx', gatewayHostnames: ['graphql.example.org'] };
const ID = '5f65ec29-142f-4efb-9598-05dead4e8ee8';

describe('tenantCandidate', () => {
  it('reads each strategy', () => {
    expect(tenantCandidate({ headers: { 'x-tenant-id': 'Acme' } }, options)).toEqual({ by: 'slug', value: 'acme' });
    expect(tenantCandidate({ headers: { 'x-tenant-id': ID } }, options)).toEqual({ by: 'id', value: ID });
    expect(tenantCandidate({ headers: {}, pathSlug: 'acme' }, options)).toEqual({ by: 'slug', value: 'acme' });
    expect(tenantCandidate({ headers: { host: 'acme.academy.mx:443' } }, options)).toEqual({ by: 'slug', value: 'acme' });
    expect(tenantCandidate({ headers: { host: 'Cursos.Acme.MX.' } }, options)).toEqual({ by: 'domain', value: 'cursos.acme.mx' });
  });

  it('lets the first strategy that yields a candidate decide, in the configured order', () => {
    const source = { headers: { 'x-tenant-id': 'globex', host: 'acme.academy.mx' }, pathSlug: 'initech' };
    expect(tenantCandidate(source, options)).toEqual({ by: 'slug', value: 'globex' });
    expect(tenantCandidate(source, { ...options, strategies: ['subdomain', 'header'] })).toEqual({ by: 'slug', value: 'acme' });
    expect(tenantCandidate(source, { ...options, strategies: ['path'] })).toEqual({ by: 'slug', value: 'initech' });
  });

  it('never takes the gateway’s own hosts for a tenant', () => {
    for (const host of ['localhost:4000', 'app.localhost', '127.0.0.1:4000', '[::1]:4000', 'gateway:4000', 'academy.mx', 'api.academy.mx', 'www.academy.mx', 'a.b.academy.mx', 'graphql.example.org']) {
      expect(tenantCandidate({ headers: { host } }, options), host).toBeNull();
    }
  });

  it('turns the subdomain strategy off without a base domain', () => {
    expect(tenantCandidate({ headers: { host: 'acme.academy.mx' } }, { strategies: ['subdomain'] })).toBeNull();
  });

  it('normalises hosts', () => {
    expect(hostOf({ host: 'ACME.academy.mx.:8443' })).toBe('acme.academy.mx');
    expect(hostOf({ host: '[::1]:4000' })).toBe('[::1]');
    expect(hostOf({})).toBeUndefined();
  });
});
