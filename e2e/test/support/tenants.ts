import type { EmbeddedSystem } from '@academy/embedded';
import { bearer, gql, hsToken } from './auth-system';

export interface LimitedTenant {
  id: string;
  slug: string;
  /** A bearer token of the tenant (role `learner` unless asked otherwise) and `X-Tenant-Id`. */
  headers: Record<string, string>;
}

export type LimitOverrides = Partial<Record<
  'maxOperationCost' | 'bucketCapacity' | 'restoreRatePerSecond' | 'requestsPerMinute' | 'callerRequestsPerMinute' | 'maxDepth' | 'maxAliases' | 'maxRootFields' | 'maxTokens' | 'maxDocumentBytes',
  number
>>;

const UPDATE_SETTINGS = 'mutation($id: ID!, $i: UpdateTenantSettingsInput!) { updateTenantSettings(id: $id, input: $i) { id } }';

/** Changes a tenant's settings the way an operator does: `updateTenantSettings` through the gateway. */
export async function updateTenantSettings(system: EmbeddedSystem, admin: Record<string, string>, id: string, input: { limitOverrides?: LimitOverrides; costExtensions?: boolean }): Promise<void> {
  const reply = await gql(system, UPDATE_SETTINGS, { id, i: input }, admin);
  if (reply.body.errors) throw new Error(`updateTenantSettings failed: ${JSON.stringify(reply.body.errors)}`);
}

/** A fresh tenant on the free plan with these overrides, created and configured by a platform admin (`admin`). */
export async function createLimitedTenant(
  system: EmbeddedSystem,
  admin: Record<string, string>,
  limitOverrides: LimitOverrides,
  { role = 'learner', subject = 'e2e-user', costExtensions }: { role?: string; subject?: string; costExtensions?: boolean } = {},
): Promise<LimitedTenant> {
  const slug = `dc-${Math.random().toString(36).slice(2, 10)}`;
  const created = await gql<{ createTenant: { id: string } }>(system, 'mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }', { i: { slug, name: slug, plan: 'FREE' } }, admin);
  const id = created.body.data?.createTenant.id;
  if (!id) throw new Error(`createTenant failed: ${JSON.stringify(created.body.errors)}`);
  await updateTenantSettings(system, admin, id, { limitOverrides, ...(costExtensions !== undefined && { costExtensions }) });
  return { id, slug, headers: await tenantHeaders(slug, role, subject) };
}

/** Headers of another caller of the same tenant. */
export async function tenantHeaders(slug: string, role = 'learner', subject = 'e2e-user'): Promise<Record<string, string>> {
  return { ...bearer(await hsToken({ sub: subject, tenant: slug, roles: [role] })), 'x-tenant-id': slug };
}

/**
 * Lifts a demo tenant's per-caller request rate (plan default: a fraction of the tenant's), for tests
 * whose one principal polls or loads far faster than any real caller would be allowed to.
 */
export async function liftCallerRate(system: EmbeddedSystem, tenantId: string): Promise<void> {
  const admin = bearer(await hsToken({ roles: ['platform_admin'] }));
  await updateTenantSettings(system, admin, tenantId, { limitOverrides: { callerRequestsPerMinute: 1_000_000 } });
}
