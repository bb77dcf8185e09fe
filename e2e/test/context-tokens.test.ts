import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EmbeddedSystem } from '@academy/embedded';
import { CONTEXT_TOKEN_HEADER, createContextTokenMacSigner, createContextTokenSigner, createContextTokenVerifier, generateContextKeyPair, type Principal } from '@academy/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, hsToken, startAuthSystem } from './support/auth-system';

const SECRET = 'e2e-context-token-secret-0123456789abcdef';
const CATALOG = '{ competencyStandards(first: 1) { nodes { code } } }';

let system: EmbeddedSystem;

beforeAll(async () => {
  system = await startAuthSystem({ CONTEXT_TOKEN_SECRET: SECRET });
});

afterAll(() => system?.close());

const principal: Principal = { tenantId: null, plan: null, subject: null, roles: [], scopes: [], authMethod: 'anonymous', requestId: 'e2e-context-token', flags: [] };

/** Straight to conocer, past the gateway, with the given context token. */
async function callConocer(token: string | undefined) {
  const response = await fetch(system.subgraphs.conocer.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { [CONTEXT_TOKEN_HEADER]: token }) },
    body: JSON.stringify({ query: CATALOG }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

describe('context tokens signed with a shared secret (CONTEXT_TOKEN_SECRET)', () => {
  it('serves queries through every subgraph, each verifying with its own key', async () => {
    const admin = bearer(await hsToken({ roles: ['platform_admin'] }));
    const slug = `ctx-${Math.random().toString(36).slice(2, 10)}`;
    const created = await gql<{ createTenant: { slug: string } }>(system, 'mutation($i: CreateTenantInput!) { createTenant(input: $i) { slug } }', { i: { slug, name: slug, plan: 'PRO' } }, admin);
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data?.createTenant.slug).toBe(slug);
    const catalog = await gql<{ competencyStandards: { nodes: { code: string }[] } }>(system, CATALOG);
    expect(catalog.body.errors).toBeUndefined();
    expect(catalog.body.data?.competencyStandards.nodes).toHaveLength(1);
    const instructor = { ...bearer(await hsToken({ sub: `instructor-${slug}`, tenant: slug, roles: ['instructor'] })), 'x-tenant-id': slug };
    const progress = await gql<{ progressEvents: { nodes: unknown[] } }>(system, '{ progressEvents(first: 1) { nodes { courseId } } }', {}, instructor);
    expect(progress.body.errors).toBeUndefined();
    expect(progress.body.data?.progressEvents.nodes).toEqual([]);
  });

  it('publishes no public key: nothing is signed with one', async () => {
    const jwks = await fetch(`${system.gateway.url}/.well-known/jwks.json`);
    expect(await jwks.json()).toEqual({ keys: [] });
  });

  it("lets a subgraph reached directly accept only tokens under its own key, not another subgraph's or an ES256 one", async () => {
    const signer = createContextTokenMacSigner(SECRET);
    const accepted = await callConocer(await signer.sign(principal, 'conocer'));
    expect(accepted.status).toBe(200);
    expect(accepted.body.errors).toBeUndefined();
    const refusals = [
      undefined,
      await signer.sign(principal, 'tenancy'),
      await createContextTokenMacSigner(`${SECRET}-other`).sign(principal, 'conocer'),
      await createContextTokenSigner(await generateContextKeyPair()).sign(principal, 'conocer'),
    ];
    for (const token of refusals) {
      const refused = await callConocer(token);
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('gives each subgraph its key through `npm run context-key`, and refuses a secret too short', async () => {
    const script = join(__dirname, '..', '..', 'gateway', 'src', 'context-key.ts');
    const run = (secret: string) =>
      promisify(execFile)(process.execPath, ['--conditions=development', '-r', '@swc-node/register', script, 'conocer', 'tenancy'], { env: { ...process.env, CONTEXT_TOKEN_SECRET: secret } });
    const { stdout } = await run(SECRET);
    const keys = Object.fromEntries(stdout.trim().split('\n').map((line) => line.match(/^(\w+): CONTEXT_TOKEN_KEY=([\w-]{43})$/)!.slice(1)));
    expect(Object.keys(keys)).toEqual(['conocer', 'tenancy']);
    // The printed key verifies what the gateway signs for conocer, and tenancy's does not.
    const token = await createContextTokenMacSigner(SECRET).sign(principal, 'conocer');
    await expect((await createContextTokenVerifier({ audienceKey: Buffer.from(keys.conocer!, 'base64url') }, 'conocer')).verify(token)).resolves.toMatchObject({ requestId: principal.requestId });
    await expect((await createContextTokenVerifier({ audienceKey: Buffer.from(keys.tenancy!, 'base64url') }, 'conocer')).verify(token)).rejects.toThrow();
    await expect(run('too-short')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('CONTEXT_TOKEN_SECRET') });
  });
});
