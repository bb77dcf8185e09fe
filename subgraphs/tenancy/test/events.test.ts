import { randomUUID } from 'node:crypto';
import { newEvent } from '@academy/event-bus';
import type { DatabaseDialect } from '@academy/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amqpUrl, createTenant, dataOf, dialects, errorCodeOf, eventually, principals, startTenancy, type TenancyHarness } from './support';

const buses = [
  { bus: 'in-process', enabled: true },
  { bus: 'rabbitmq', enabled: amqpUrl !== null },
] as const;
const modes = dialects.flatMap((d) => buses.map((b) => ({ dialect: d.name as DatabaseDialect, bus: b.bus, enabled: d.enabled && b.enabled })));

const AUDIT = `query($action: String) { auditLog(first: 100, action: $action) { totalCount nodes { id tenantId actor authMethod action target outcome requestId reason at } } }`;
const KEYS = '{ apiKeys(first: 100) { nodes { id lastUsedAt } } }';

interface AuditEntry {
  id: string;
  tenantId: string | null;
  actor: string;
  authMethod: string;
  action: string;
  target: string;
  outcome: string;
  requestId: string;
  reason: string | null;
}

describe.each(modes)('tenancy events on $dialect with the $bus bus', ({ dialect, bus, enabled }) => {
  let harness: TenancyHarness;
  let tenantId: string;
  let otherId: string;
  const eventsOf = (type: string) => harness.events.filter((e) => e.type === type);
  const auditOf = async (tenant: string | null, action?: string) =>
    dataOf<{ nodes: AuditEntry[] }>(await harness.as(tenant ? principals.tenantAdmin(tenant) : principals.platformAdmin())(AUDIT, { action }), 'auditLog').nodes;

  beforeAll(async () => {
    if (!enabled) return;
    harness = await startTenancy(dialect, bus);
    tenantId = await createTenant(harness, 'events');
    otherId = await createTenant(harness, 'events-other');
  });
  afterAll(() => harness?.close());

  it.runIf(enabled)('publishes tenant.changed after tenant and settings changes', async () => {
    const created = await eventually(() => eventsOf('tenant.changed').find((e) => e.tenantId === tenantId));
    expect(created.payload).toMatchObject({ tenantId, customDomains: [] });
    const domain = `events-${randomUUID().slice(0, 8)}.example.mx`;
    const before = eventsOf('tenant.changed').length;
    await harness.as(principals.tenantAdmin(tenantId))('mutation($id: ID!) { updateTenant(id: $id, input: { name: "Events Renamed" }) { id } }', { id: tenantId });
    await harness.as(principals.tenantAdmin(tenantId))('mutation($id: ID!, $d: [String!]) { updateTenantSettings(id: $id, input: { customDomains: $d }) { id } }', { id: tenantId, d: [domain] });
    await eventually(() => eventsOf('tenant.changed').length >= before + 2);
    const last = eventsOf('tenant.changed').at(-1)!;
    expect(last).toMatchObject({ tenantId, payload: { tenantId, customDomains: [domain] } });
    expect((last.payload as { slug: string }).slug).toMatch(/^events-/);
  });

  it.runIf(enabled)('publishes api-key.changed on create, revoke and rotate, with no secret in any event', async () => {
    const admin = harness.as(principals.tenantAdmin(tenantId));
    const created = dataOf<{ key: string; signingSecret: string; apiKey: { id: string } }>(
      await admin('mutation { createApiKey(input: { name: "Evented", scopes: ["progress:read"] }) { key signingSecret apiKey { id } } }'),
      'createApiKey',
    );
    const keyId = created.apiKey.id;
    await admin('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: keyId });
    await eventually(() => eventsOf('api-key.changed').filter((e) => (e.payload as { keyId: string }).keyId === keyId).length >= 2);
    expect(eventsOf('api-key.changed').find((e) => (e.payload as { keyId: string }).keyId === keyId)).toMatchObject({ tenantId, payload: { keyId, tenantId } });

    const second = dataOf<{ apiKey: { id: string } }>(await admin('mutation { createApiKey(input: { name: "Rotating", scopes: ["progress:read"] }) { apiKey { id } } }'), 'createApiKey');
    const rotated = dataOf<{ key: string; apiKey: { id: string } }>(await admin('mutation($id: ID!) { rotateApiKey(id: $id) { key apiKey { id } } }', { id: second.apiKey.id }), 'rotateApiKey');
    await eventually(() => {
      const ids = eventsOf('api-key.changed').map((e) => (e.payload as { keyId: string }).keyId);
      return ids.filter((id) => id === second.apiKey.id).length >= 2 && ids.includes(rotated.apiKey.id);
    });
    const everything = JSON.stringify(harness.events);
    // The key is acad_<keyId>_<secret>, and a base64url secret may itself contain "_".
    const secretPart = created.key.split('_').slice(2).join('_');
    expect(secretPart).toHaveLength(43);
    for (const secret of [created.key, secretPart, created.signingSecret, rotated.key]) expect(everything).not.toContain(secret);
  });

  it.runIf(enabled)('audits every administrative mutation, whatever its outcome, and publishes audit.recorded', async () => {
    const requestId = `req-${randomUUID()}`;
    const admin = harness.as({ ...principals.tenantAdmin(tenantId), requestId });
    const created = dataOf<{ apiKey: { id: string } }>(await admin('mutation { createApiKey(input: { name: "Audited", scopes: ["progress:read"] }) { apiKey { id } } }'), 'createApiKey');
    const bad = await admin('mutation($id: ID!) { updateTenantSettings(id: $id, input: { corsOrigins: ["not an origin"] }) { id } }', { id: tenantId });
    expect(errorCodeOf(bad)).toBe('BAD_USER_INPUT');
    const partner = await harness.as({ ...principals.partner(tenantId), requestId })('mutation { createApiKey(input: { name: "P", scopes: ["progress:read"] }) { key } }');
    expect(errorCodeOf(partner)).toBe('FORBIDDEN');
    // An attempt on another tenant is filed under the caller's tenant, not shown to the other one.
    const foreign = await admin('mutation($id: ID!) { updateTenant(id: $id, input: { name: "x" }) { id } }', { id: otherId });
    expect(errorCodeOf(foreign)).toBe('NOT_FOUND');

    const mine = (await auditOf(tenantId)).filter((e) => e.requestId === requestId);
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'api-key.create', outcome: 'SUCCESS', target: `api-key/${created.apiKey.id}`, tenantId, actor: expect.stringMatching(/^admin-of-/), authMethod: 'jwt', reason: null }),
        expect.objectContaining({ action: 'tenant.settings.update', outcome: 'FAILURE', target: `tenant/${tenantId}`, tenantId, reason: expect.stringMatching(/^BAD_USER_INPUT: /) }),
        expect.objectContaining({ action: 'api-key.create', outcome: 'DENIED', target: 'api-key/(new)', tenantId, actor: 'key-partner', authMethod: 'api_key', reason: expect.stringMatching(/^FORBIDDEN: /) }),
        expect.objectContaining({ action: 'tenant.update', outcome: 'FAILURE', target: `tenant/${otherId}`, tenantId, reason: expect.stringMatching(/^NOT_FOUND: /) }),
      ]),
    );
    expect(mine).toHaveLength(4);
    expect((await auditOf(otherId)).filter((e) => e.requestId === requestId)).toEqual([]);
    // Platform admins see every tenant's entries; the action filter narrows them.
    const all = await auditOf(null, 'api-key.create');
    expect(all.filter((e) => e.requestId === requestId).map((e) => e.outcome).sort()).toEqual(['DENIED', 'SUCCESS']);
    expect(all.every((e) => e.action === 'api-key.create')).toBe(true);

    // Each entry was also published, with the entry's id as the event id.
    await eventually(() => mine.every((entry) => harness.events.some((e) => e.type === 'audit.recorded' && e.id === entry.id)));
    // Non-admins cannot read the log.
    expect(errorCodeOf(await harness.as(principals.learner(tenantId))(AUDIT))).toBe('FORBIDDEN');
    expect(errorCodeOf(await harness.as(principals.partner(tenantId))(AUDIT))).toBe('FORBIDDEN');
  });

  it.runIf(enabled)('stores audit.recorded events from other services once, and drops malformed ones', async () => {
    const action = `auth.login.${randomUUID().slice(0, 8)}`;
    const payload = { actor: 'user-9', authMethod: 'jwt', tenantId, action, target: 'session', outcome: 'denied', requestId: 'gw-1', reason: 'token_expired', at: new Date().toISOString() };
    const event = newEvent('audit.recorded', tenantId, payload);
    await harness.infrastructure.bus.publish(newEvent('audit.recorded', tenantId, { ...payload, outcome: 'maybe' }));
    await harness.infrastructure.bus.publish(event);
    await harness.infrastructure.bus.publish(event); // redelivery: at-least-once
    const stored = await eventually(async () => {
      const entries = await auditOf(tenantId, action);
      return entries.length ? entries : undefined;
    });
    expect(stored).toEqual([{ id: event.id, tenantId, actor: 'user-9', authMethod: 'jwt', action, target: 'session', outcome: 'DENIED', requestId: 'gw-1', reason: 'token_expired', at: payload.at }]);
    // Give the duplicate time to arrive; it must not add a row.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await auditOf(tenantId, action)).toHaveLength(1);
  });

  it.runIf(enabled)('moves lastUsedAt forward on api-key.used, never back', async () => {
    const admin = harness.as(principals.tenantAdmin(otherId));
    const keyId = dataOf<{ apiKey: { id: string } }>(await admin('mutation { createApiKey(input: { name: "Used", scopes: ["progress:read"] }) { apiKey { id } } }'), 'createApiKey').apiKey.id;
    const lastUsed = async () => dataOf<{ nodes: { id: string; lastUsedAt: string | null }[] }>(await admin(KEYS), 'apiKeys').nodes.find((k) => k.id === keyId)!.lastUsedAt;
    expect(await lastUsed()).toBeNull();

    const at = new Date(Date.now() - 5000).toISOString();
    await harness.infrastructure.bus.publish(newEvent('api-key.used', otherId, { keyId: 'not valid', at }));
    await harness.infrastructure.bus.publish(newEvent('api-key.used', otherId, { keyId, at }));
    expect(await eventually(lastUsed)).toBe(at);
    // An older report (another replica, a redelivery) arrives late: lastUsedAt stays.
    await harness.infrastructure.bus.publish(newEvent('api-key.used', otherId, { keyId, at: new Date(Date.now() - 60_000).toISOString() }));
    const later = new Date().toISOString();
    await harness.infrastructure.bus.publish(newEvent('api-key.used', otherId, { keyId, at: later }));
    expect(await eventually(async () => ((await lastUsed()) === later ? later : undefined))).toBe(later);
  });
});
