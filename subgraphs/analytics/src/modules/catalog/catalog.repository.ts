import type { DatabaseDialect } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { bulkInsert, qualifiedTable } from '../events';
import { CourseEntity } from './course.entity';
import { KnownTenantEntity } from './known-tenant.entity';

/** What enrichment needs to know about the tenants of a batch, read in two queries whatever its size. */
export interface CatalogSnapshot {
  knownTenants: ReadonlySet<string>;
  /** Per tenant with a catalog: course id → the standard it prepares for. */
  courses: ReadonlyMap<string, ReadonlyMap<string, string | null>>;
}

/**
 * Tenants and courses, read and written outside any request's tenant scope (the pipeline serves many
 * tenants per batch), so every query here names its tenants explicitly.
 */
export class CatalogRepository {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly dialect: DatabaseDialect,
  ) {}

  async snapshot(tenantIds: readonly string[]): Promise<CatalogSnapshot> {
    const ids = [...new Set(tenantIds)];
    if (ids.length === 0) return { knownTenants: new Set(), courses: new Map() };
    // `em` is scoped to all tenants (the pipeline's), so the tenant filter lets these through.
    const tenants = await this.em.find(KnownTenantEntity, { id: { $in: ids } }, { fields: ['id'] });
    const courses = await this.em.find(CourseEntity, { tenantId: { $in: ids } }, { fields: ['tenantId', 'courseId', 'standardCode'] });
    const byTenant = new Map<string, Map<string, string | null>>();
    for (const row of courses) {
      const catalog = byTenant.get(row.tenantId) ?? new Map<string, string | null>();
      byTenant.set(row.tenantId, catalog);
      catalog.set(row.courseId, row.standardCode);
    }
    return { knownTenants: new Set(tenants.map((row) => row.id)), courses: byTenant };
  }

  /** Records tenants as known (idempotent). */
  async rememberTenants(tenantIds: readonly string[], at = new Date()): Promise<void> {
    const rows = [...new Set(tenantIds)].map((id) => [id, at]);
    await bulkInsert(this.em, this.dialect, {
      table: qualifiedTable(this.dialect, 'analytics_known_tenant'),
      columns: [
        { name: 'id', pg: 'varchar' },
        { name: 'first_seen_at', pg: 'timestamptz' },
      ],
      rows,
      ignoreConflicts: true,
    });
  }

  async forgetTenant(tenantId: string): Promise<void> {
    await this.em.nativeDelete(KnownTenantEntity, { id: tenantId });
  }

  /** The tenant's courses by id; `em` must be scoped to the tenant. */
  async courses(tenantId: string): Promise<CourseEntity[]> {
    return this.em.find(CourseEntity, { tenantId }, { orderBy: { courseId: 'asc' } });
  }
}
