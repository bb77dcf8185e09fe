import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, dataOf, dialects, errorCodeOf, principals, SIGNING_KEY, startTenancy, type TenancyHarness } from './support';

const KEY_FIELDS = 'id name prefix scopes createdAt expiresAt revokedAt lastUsedAt rotatedFromId status';
const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key signingSecret apiKey { ${KEY_FIELDS} } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiKey(id: $id) { ${KEY_FIELDS} } }`;
const ROTATE = `mutation($id: ID!, $overlap: Int) { rotateApiKey(id: $id, overlapSeconds: $overlap) { key signingSecret apiKey { ${KEY_FIELDS} } } }`;
const LIST = `query($after: String) { apiKeys(first: 50, after: $after) { totalCount nodes { ${KEY_FIELDS} } } }`;
const ACCESS = 'query($keyId: String!) { apiKeyAccess(keyId: $keyId) { keyId tenantId name scopes secretHash signingSecret expiresAt revokedAt } }';

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: string | null;
  revokedAt: string | null;
  rotatedFromId: string | null;
  status: string;
}
interface Created {
  key: string;
  signingSecret: string;
  apiKey: ApiKey;
}

const KEY_FORMAT = /^acad_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;

describe.each(dialects)('API keys on $name', ({ name, enabled }) => {
  let harness: TenancyHarness;
  let tenantA: string;
  let tenantB: string;
  const adminOf = (tenantId: string) => harness.as(principals.tenantAdmin(tenantId));
  const create = async (tenantId: string, input: Record<string, unknown>) => dataOf<Created>(await adminOf(tenantId)(CREATE, { input }), 'createApiKey');

  beforeAll(async () => {
    if (!enabled) return;
    harness = await startTenancy(name);
    tenantA = await createTenant(harness, 'keys-a');
    tenantB = await createTenant(harness, 'keys-b');
  });
  afterAll(() => harness?.close());

  it.runIf(enabled)('creates a key whose secret hashes to what the gateway reads, with the derived signing secret', async () => {
    const created = await create(tenantA, { name: 'LMS sync', scopes: ['progress:write', 'certifications:read'] });
    const [, keyId, secret] = KEY_FORMAT.exec(created.key) ?? [];
    expect(keyId, created.key).toBeDefined();
    expect(created.apiKey).toMatchObject({ id: keyId, name: 'LMS sync', prefix: `acad_${keyId}_…`, scopes: ['progress:write', 'certifications:read'], status: 'ACTIVE', expiresAt: null, revokedAt: null, rotatedFromId: null });
    const expectedSigningSecret = createHmac('sha256', SIGNING_KEY).update(keyId!).digest('base64url');
    expect(created.signingSecret).toBe(expectedSigningSecret);

    const access = dataOf(await harness.as(principals.gateway())(ACCESS, { keyId }), 'apiKeyAccess');
    expect(access).toEqual({
      keyId,
      tenantId: tenantA,
      name: 'LMS sync',
      scopes: ['progress:write', 'certifications:read'],
      secretHash: createHash('sha256').update(secret!).digest('hex'),
      signingSecret: expectedSigningSecret,
      expiresAt: null,
      revokedAt: null,
    });
  });

  it.runIf(enabled)('lists the tenant’s keys with their prefix, never the secret', async () => {
    const created = await create(tenantA, { name: 'Reporting', scopes: ['analytics:read'], expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    const secret = KEY_FORMAT.exec(created.key)![2]!;
    const response = await adminOf(tenantA)(LIST);
    const list = dataOf<{ totalCount: number; nodes: ApiKey[] }>(response, 'apiKeys');
    expect(list.nodes.map((k) => k.id)).toContain(created.apiKey.id);
    expect(list.nodes.find((k) => k.id === created.apiKey.id)).toMatchObject({ prefix: `acad_${created.apiKey.id}_…`, status: 'ACTIVE', expiresAt: created.apiKey.expiresAt });
    expect(JSON.stringify(response.body)).not.toContain(secret);
    expect(JSON.stringify(response.body)).not.toContain(created.signingSecret);
    // Tenant B sees none of A's keys.
    expect(dataOf<{ totalCount: number }>(await adminOf(tenantB)(LIST), 'apiKeys').totalCount).toBe(0);
  });

  it.runIf(enabled)('refuses invalid keys with BAD_USER_INPUT', async () => {
    const inputs = [
      { name: 'x', scopes: ['everything:write'] },
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['progress:read', 'progress:read'] },
      { name: '', scopes: ['progress:read'] },
      { name: 'x'.repeat(101), scopes: ['progress:read'] },
      { name: 'x', scopes: ['progress:read'], expiresAt: new Date(Date.now() - 1000).toISOString() },
    ];
    for (const input of inputs) expect(errorCodeOf(await adminOf(tenantA)(CREATE, { input })), JSON.stringify(input)).toBe('BAD_USER_INPUT');
  });

  it.runIf(enabled)('revokes a key once, visible to the gateway at once', async () => {
    const created = await create(tenantA, { name: 'To revoke', scopes: ['standards:read'] });
    const revoked = dataOf<ApiKey>(await adminOf(tenantA)(REVOKE, { id: created.apiKey.id }), 'revokeApiKey');
    expect(revoked).toMatchObject({ id: created.apiKey.id, status: 'REVOKED' });
    expect(revoked.revokedAt).not.toBeNull();
    const access = dataOf<{ revokedAt: string }>(await harness.as(principals.gateway())(ACCESS, { keyId: created.apiKey.id }), 'apiKeyAccess');
    expect(access.revokedAt).toBe(revoked.revokedAt);
    // Idempotent: the first revocation time stays.
    const again = dataOf<ApiKey>(await adminOf(tenantA)(REVOKE, { id: created.apiKey.id }), 'revokeApiKey');
    expect(again.revokedAt).toBe(revoked.revokedAt);
    // A revoked key cannot be rotated into a fresh one.
    expect(errorCodeOf(await adminOf(tenantA)(ROTATE, { id: created.apiKey.id }))).toBe('CONFLICT');
  });

  it.runIf(enabled)('rotates a key: same name and scopes, the old one lives on for the overlap only', async () => {
    const old = await create(tenantA, { name: 'Rotated', scopes: ['progress:read', 'progress:write'] });
    const before = Date.now();
    const rotated = dataOf<Created>(await adminOf(tenantA)(ROTATE, { id: old.apiKey.id, overlap: 3600 }), 'rotateApiKey');
    expect(rotated.key).toMatch(KEY_FORMAT);
    expect(rotated.key).not.toBe(old.key);
    expect(rotated.apiKey).toMatchObject({ name: 'Rotated', scopes: ['progress:read', 'progress:write'], status: 'ACTIVE', rotatedFromId: old.apiKey.id, expiresAt: null });
    const oldNow = dataOf<{ nodes: ApiKey[] }>(await adminOf(tenantA)(LIST), 'apiKeys').nodes.find((k) => k.id === old.apiKey.id)!;
    expect(oldNow.status).toBe('ACTIVE');
    const expiry = Date.parse(oldNow.expiresAt!);
    expect(expiry).toBeGreaterThanOrEqual(before + 3_600_000 - 1000);
    expect(expiry).toBeLessThanOrEqual(Date.now() + 3_600_000 + 1000);

    // No overlap: the old key stops at once. The default overlap is a day.
    const immediate = await create(tenantA, { name: 'Immediate', scopes: ['progress:read'] });
    await adminOf(tenantA)(ROTATE, { id: immediate.apiKey.id, overlap: 0 });
    expect(dataOf<{ nodes: ApiKey[] }>(await adminOf(tenantA)(LIST), 'apiKeys').nodes.find((k) => k.id === immediate.apiKey.id)!.status).toBe('EXPIRED');
    const byDefault = await create(tenantA, { name: 'Default overlap', scopes: ['progress:read'] });
    await adminOf(tenantA)('mutation($id: ID!) { rotateApiKey(id: $id) { key } }', { id: byDefault.apiKey.id });
    const defaultExpiry = Date.parse(dataOf<{ nodes: ApiKey[] }>(await adminOf(tenantA)(LIST), 'apiKeys').nodes.find((k) => k.id === byDefault.apiKey.id)!.expiresAt!);
    expect(Math.abs(defaultExpiry - (Date.now() + 86_400_000))).toBeLessThan(10_000);

    // An earlier expiry is never extended by the overlap; the new key keeps the old lifetime.
    const soon = new Date(Date.now() + 60_000).toISOString();
    const short = await create(tenantA, { name: 'Short', scopes: ['progress:read'], expiresAt: soon });
    const shortRotated = dataOf<Created>(await adminOf(tenantA)(ROTATE, { id: short.apiKey.id, overlap: 7200 }), 'rotateApiKey');
    const shortNow = dataOf<{ nodes: ApiKey[] }>(await adminOf(tenantA)(LIST), 'apiKeys').nodes.find((k) => k.id === short.apiKey.id)!;
    expect(Date.parse(shortNow.expiresAt!)).toBe(Date.parse(soon));
    expect(Date.parse(shortRotated.apiKey.expiresAt!) - Date.now()).toBeGreaterThan(55_000);

    for (const overlap of [-1, 604_801]) expect(errorCodeOf(await adminOf(tenantA)(ROTATE, { id: old.apiKey.id, overlap })), String(overlap)).toBe('BAD_USER_INPUT');
  });

  it.runIf(enabled)('treats another tenant’s key exactly like a missing one', async () => {
    const foreign = await create(tenantB, { name: 'B only', scopes: ['progress:read'] });
    for (const mutation of [REVOKE, ROTATE]) {
      for (const id of [foreign.apiKey.id, 'aaaaaaaaaaaa', 'not-a-key-id']) {
        const response = await adminOf(tenantA)(mutation, { id });
        expect(response.body.data, id).toBeNull();
        expect(errorCodeOf(response), id).toBe('NOT_FOUND');
        expect(response.body.errors?.[0]?.message).toBe(`No API key with id ${id}`);
      }
    }
    const untouched = dataOf<{ nodes: ApiKey[] }>(await adminOf(tenantB)(LIST), 'apiKeys').nodes.find((k) => k.id === foreign.apiKey.id)!;
    expect(untouched).toMatchObject({ status: 'ACTIVE', revokedAt: null, expiresAt: null });
  });

  it.runIf(enabled)('lets no partner, member or outsider manage keys', async () => {
    const input = { name: 'Sneaky', scopes: ['progress:read'] };
    const refusals: [Parameters<TenancyHarness['as']>[0], string][] = [
      [principals.partner(tenantA), 'FORBIDDEN'],
      // Even a partner credential that somehow carries the admin role.
      [principals.partner(tenantA, ['partner', 'tenant_admin']), 'FORBIDDEN'],
      [{ ...principals.tenantAdmin(tenantA), authMethod: 'hmac' }, 'FORBIDDEN'],
      [principals.learner(tenantA), 'FORBIDDEN'],
      [principals.anonymous(), 'UNAUTHENTICATED'],
      [principals.platformAdmin(null), 'TENANT_REQUIRED'],
    ];
    for (const [principal, code] of refusals) {
      for (const [query, variables] of [[CREATE, { input }], [LIST, {}], [REVOKE, { id: 'aaaaaaaaaaaa' }]] as const) {
        expect(errorCodeOf(await harness.as(principal)(query, variables)), `${JSON.stringify(principal)} ${query.slice(0, 30)}`).toBe(code);
      }
    }
    // A platform admin acting inside a tenant may.
    expect(dataOf<Created>(await harness.as(principals.platformAdmin(tenantA))(CREATE, { input }), 'createApiKey').key).toMatch(KEY_FORMAT);
  });
});
