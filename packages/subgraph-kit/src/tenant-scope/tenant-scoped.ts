import { type Dictionary, type EventArgs, EventType, Filter, MetadataStorage } from '@mikro-orm/core';
import { TENANT_FILTER, type TenantScope, tenantScopeOfEntityManager } from './tenant-scope';

/** A write that would put a row outside the scope of the EntityManager writing it: a bug, never a client error. */
export class TenantScopeViolation extends Error {
  constructor(entity: string, tenantId: unknown, scope: TenantScope | undefined) {
    super(`Refused to write ${entity} of tenant ${String(tenantId)} in tenant scope ${JSON.stringify(scope ?? null)}`);
    this.name = 'TenantScopeViolation';
  }
}

function isScope(value: Dictionary | undefined): value is TenantScope {
  return value?.mode === 'all' || value?.mode === 'none' || (value?.mode === 'tenant' && typeof value.tenantId === 'string');
}

/** The filter's condition; MikroORM applies it to reads, and to `nativeUpdate`/`nativeDelete`. */
function tenantCondition(params: Dictionary): Dictionary {
  if (!isScope(params)) throw new Error(`Invalid parameters for the ${TENANT_FILTER} filter: bind them with forkWithTenantScope()`);
  if (params.mode === 'all') return {};
  // `tenantId` is NOT NULL on every scoped entity (checked below), so `IS NULL` matches no row on any dialect.
  if (params.mode === 'none') return { tenantId: null };
  return { tenantId: params.tenantId };
}

/** Filters cover reads only; this hook keeps a flush from creating or moving a row into another tenant. */
function guardTenantWrite(this: unknown, { entity, em, meta }: EventArgs<{ tenantId: unknown }>): void {
  const scope = tenantScopeOfEntityManager(em);
  if (scope?.mode === 'all') return;
  if (scope?.mode === 'tenant' && entity.tenantId === scope.tenantId) return;
  throw new TenantScopeViolation(meta.className, entity.tenantId, scope);
}

/**
 * Marks a tenant-owned entity (a non-nullable `tenantId` property). Every read through the ORM —
 * `find`, `findOne`, `count`, DataLoader batches, `_entities` — sees only the rows of the scope bound
 * by `forkWithTenantScope`, and a flush refuses rows of another tenant. Put it below `@Entity()`.
 *
 * Not covered, by MikroORM's design: query builders (call `await qb.applyFilters()`), raw SQL and
 * `em.insert`/`insertMany`/`upsert`, which skip lifecycle hooks.
 */
export function TenantScoped(): ClassDecorator {
  return (target) => {
    const meta = MetadataStorage.getMetadataFromDecorator<Dictionary>(target as unknown as Dictionary & { name: string });
    // Property decorators run before class decorators, so the column is known here.
    const column = meta.properties.tenantId as { nullable?: boolean } | undefined;
    if (!column || column.nullable) {
      throw new Error(`@TenantScoped() ${target.name} needs a non-nullable tenantId property`);
    }
    Filter({ name: TENANT_FILTER, cond: tenantCondition, default: true })(target as unknown as Dictionary);
    for (const event of [EventType.beforeCreate, EventType.beforeUpdate] as const) {
      meta.hooks[event] = [...(meta.hooks[event] ?? []), guardTenantWrite];
    }
  };
}
