import { createLogger, generateContextKeyPair } from '@academy/service-kit';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, DEVELOPMENT_JWT_HS256_SECRET, type Gateway, loadGatewayEnvironment } from '../src';
import { startCacheSubgraph } from './support/cache-subgraph';
import { post } from './support/http';

const token = (sub: string, tenant: string) =>
  new SignJWT({ tenant, roles: ['learner'] }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime('10m').sign(new TextEncoder().encode(DEVELOPMENT_JWT_HS256_SECRET));

/**
 * The whole-response cache in single-tenant mode (in-process store, the embedded default's kind):
 * tenants come from the token's claim. The subgraph counts its executions, so a cached answer shows
 * an old count.
 */
describe('response cache (in-process store)', () => {
  let subgraph: Awaited<ReturnType<typeof startCacheSubgraph>>;
  let gateway: Gateway;
  const as = async (sub: string, tenant: string) => ({ authorization: `Bearer ${await token(sub, tenant)}` });
  const ask = async (query: string, headers: Record<string, string>) => post(gateway.graphqlUrl, { query }, headers);

  beforeAll(async () => {
    const keys = await generateContextKeyPair('cache-test');
    subgraph = await startCacheSubgraph({ publicKey: keys.publicKey });
    gateway = await createGateway({
      env: loadGatewayEnvironment({ NODE_ENV: 'test', RESPONSE_CACHE: 'true', INFLIGHT_DEDUP: 'false' }),
      logger: createLogger({ service: 'gateway', level: 'silent' }),
      supergraphSdl: subgraph.supergraphSdl,
      contextKeys: keys,
    });
    await gateway.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await gateway?.close();
    await subgraph?.close();
  });

  it('answers a repeated PUBLIC query from the cache: MISS, then HIT with Age and the policy in Cache-Control', async () => {
    const headers = await as('ana', 'tenant-a');
    const first = await ask('{ catalog { id reads } }', headers);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(first.headers.get('cache-control')).toBe('max-age=60, public');
    const reads = subgraph.reads();
    const second = await ask('{ catalog { id reads } }', headers);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.headers.get('cache-control')).toBe('max-age=60, public');
    expect(Number(second.headers.get('age'))).toBeGreaterThanOrEqual(0);
    expect(second.json).toEqual(first.json);
    expect(subgraph.reads()).toBe(reads);
    // Another caller of the same tenant with the same authorization shares PUBLIC data.
    const colleague = await ask('{ catalog { id reads } }', await as('luis', 'tenant-a'));
    expect(colleague.headers.get('x-cache')).toBe('HIT');
  });

  it('never shares an entry across tenants', async () => {
    const a = await ask('{ catalog { id reads } alias: catalog { id } }', await as('ana', 'tenant-a'));
    const b = await ask('{ catalog { id reads } alias: catalog { id } }', await as('ana', 'tenant-b'));
    expect([a.headers.get('x-cache'), b.headers.get('x-cache')]).toEqual(['MISS', 'MISS']);
    expect(b.json.data.catalog[0].reads).toBeGreaterThan(a.json.data.catalog[0].reads);
  });

  it('keeps PRIVATE data per principal', async () => {
    const ana = await as('ana', 'tenant-a');
    const luis = await as('luis', 'tenant-a');
    const first = await ask('{ mine }', ana);
    expect(first.headers.get('cache-control')).toBe('max-age=60, private');
    const again = await ask('{ mine }', ana);
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(again.json.data.mine).toBe(first.json.data.mine);
    const other = await ask('{ mine }', luis);
    expect(other.headers.get('x-cache')).toBe('MISS');
    expect(other.json.data.mine).toMatch(/^luis:/);
  });

  it('caches nothing for callers without a tenant', async () => {
    const anonymous = await ask('{ catalog { id reads } }', {});
    expect(anonymous.json.data.catalog).toHaveLength(1);
    expect(anonymous.headers.get('x-cache')).toBeNull();
  });

  it('never caches mutations, responses with errors, or data without a hint', async () => {
    const headers = await as('ana', 'tenant-a');
    for (const query of ['mutation { touch }', '{ forbidden }', '{ catalog { id } live }']) {
      const replies = [await ask(query, headers), await ask(query, headers)];
      expect(replies.map((r) => r.headers.get('x-cache'))).not.toContain('HIT');
    }
    const touched = [await ask('mutation { touch }', headers), await ask('mutation { touch }', headers)];
    expect(touched[1].json.data.touch).toBeGreaterThan(touched[0].json.data.touch);
    expect(touched[0].headers.get('x-cache')).toBeNull();
    const mixed = await ask('{ catalog { id } live }', headers);
    expect(mixed.headers.get('cache-control')).toBe('no-store');
  });

  it('expires an entry after its max-age', async () => {
    const headers = await as('ana', 'tenant-ttl');
    const first = await ask('{ brief }', headers);
    expect(first.headers.get('cache-control')).toBe('max-age=1, public');
    expect((await ask('{ brief }', headers)).headers.get('x-cache')).toBe('HIT');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const expired = await ask('{ brief }', headers);
    expect(expired.headers.get('x-cache')).toBe('MISS');
    expect(expired.json.data.brief).toBeGreaterThan(first.json.data.brief);
  });

  it('counts hits and misses', async () => {
    const text = await gateway.metrics.getSingleMetricAsString('academy_gateway_response_cache_total');
    expect(text).toMatch(/outcome="hit"[^}]*} [1-9]/);
    expect(text).toMatch(/outcome="miss"[^}]*} [1-9]/);
    expect(text).toMatch(/outcome="stored"[^}]*} [1-9]/);
  });
});
