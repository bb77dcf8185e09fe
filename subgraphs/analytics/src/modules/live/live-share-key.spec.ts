import 'reflect-metadata';
import type { Principal } from '@academy/service-kit';
import { describe, expect, it } from 'vitest';
import type { AnalyticsContext } from '../../context';
import { liveShareKey } from './live-share-key';

const principal = (overrides: Partial<Principal>): Principal => ({
  tenantId: 'tenant-a',
  plan: 'pro',
  subject: 'someone',
  roles: ['instructor'],
  scopes: ['progress:read'],
  authMethod: 'jwt',
  requestId: 'r1',
  flags: [],
  ...overrides,
});
const keyOf = (overrides: Partial<Principal>) => liveShareKey({ principal: principal(overrides) } as AnalyticsContext);

describe('liveShareKey', () => {
  it('is the same for tenant-wide callers who differ only in who they are or the request', () => {
    expect(keyOf({ subject: 'ana', requestId: 'r1' })).toBe(keyOf({ subject: 'luis', requestId: 'r2' }));
  });

  it('differs for a learner per learner (their stream is their own events)', () => {
    expect(keyOf({ roles: ['learner'], subject: 'ana' })).not.toBe(keyOf({ roles: ['learner'], subject: 'luis' }));
    expect(keyOf({ roles: ['learner'], subject: 'ana', requestId: 'x' })).toBe(keyOf({ roles: ['learner'], subject: 'ana', requestId: 'y' }));
  });

  it('differs with anything authorization or execution may read', () => {
    const base = keyOf({});
    for (const change of [{ tenantId: 'tenant-b' }, { roles: ['tenant_admin'] }, { scopes: [] }, { authMethod: 'api_key' as const }, { plan: 'free' }, { flags: ['beta'] }]) {
      expect(keyOf(change)).not.toBe(base);
    }
  });

  it('shares nothing without a tenant', () => {
    expect(keyOf({ tenantId: null })).toBeNull();
  });
});
