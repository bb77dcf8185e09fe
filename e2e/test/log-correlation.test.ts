import { Writable } from 'node:stream';
import { composeSupergraph, type EmbeddedSystem, loadEmbeddedEnvironment, startEmbeddedSystem } from '@academy/embedded';
import { createLogger } from '@academy/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, eventually, gql, hsToken, TEST_HS256_SECRET } from './support/auth-system';

const lines: Record<string, unknown>[] = [];
let system: EmbeddedSystem;

beforeAll(async () => {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  const source = { NODE_ENV: 'test', JWT_HS256_SECRET: TEST_HS256_SECRET } as NodeJS.ProcessEnv;
  const env = loadEmbeddedEnvironment({ ...source, GATEWAY_PORT: '0', TENANCY_PORT: '0', CONOCER_PORT: '0', ANALYTICS_PORT: '0', CONOCER_SANDBOX_PORT: '0', DATA_DIR: ':memory:', HOST: '127.0.0.1' });
  system = await startEmbeddedSystem({ env, source, logger: createLogger({ level: 'debug', destination }), supergraphSdl: (await composeSupergraph()).supergraphSdl });
});

afterAll(() => system?.close());

describe('structured logs', () => {
  it('carry one request id and the tenant from the gateway to every subgraph the request reaches', async () => {
    const token = await hsToken({ sub: 'log-learner', tenant: 'acme', roles: ['instructor'] });
    const requestId = `corr-${Date.now()}`;
    const reply = await gql(
      system,
      'query Overview { tenant(slug: "acme") { name recentProgress(first: 1) { percent } } competencyStandards(first: 1) { nodes { code } } }',
      {},
      { ...bearer(token), 'x-tenant-id': 'acme', 'x-request-id': requestId },
    );
    expect(reply.body.errors).toBeUndefined();
    expect(reply.headers.get('x-request-id')).toBe(requestId);
    const served = await eventually(async () => {
      // The gateway's own tenant lookup in tenancy shares the request id too, as the gateway (no tenant).
      const mine = lines.filter((line) => line.requestId === requestId && line.msg === 'operation served' && String(line.operationName).startsWith('Overview'));
      return new Set(mine.map((line) => line.service)).size === 4 ? mine : undefined;
    });
    const tenantId = system.demoTenants.acme;
    expect(new Set(served.map((line) => line.service))).toEqual(new Set(['gateway', 'tenancy', 'analytics', 'conocer']));
    for (const line of served) expect({ service: line.service, requestId: line.requestId, tenantId: line.tenantId }).toEqual({ service: line.service, requestId, tenantId });
    // Credentials never appear, whatever was logged for this request.
    expect(JSON.stringify(lines)).not.toContain(token);
  });
});
