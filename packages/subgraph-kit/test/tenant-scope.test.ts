import { randomUUID } from 'node:crypto';
import { createContextTokenVerifier, createLogger, generateContextKeyPair, type Principal } from '@academy/service-kit';
import { postGraphQL, signContextToken, testPrincipal, testServices } from '@academy/testing';
import { Entity, type EntityManager, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import type { QueryBuilder, SqlEntityManager } from '@mikro-orm/knex';
import { Ctx, Query, Resolver } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_TENANTS,
  buildFederatedSchema,
  createDatabase,
  createScratchPostgresDatabase,
  createSubgraphService,
  type Database,
  forkWithTenantScope,
  type SubgraphContext,
  TenantScoped,
  TenantScopeViolation,
  tenantScopeOf,
} from '../src';

@Entity({ tableName: 'note' })
@TenantScoped()
class NoteEntity {
  @PrimaryKey({ type: 'uuid' }) id: string & Opt = randomUUID();
  @Property({ type: 'string' }) tenantId: string;
  @Property({ type: 'string' }) body: string;
}

@Resolver()
class NoteResolver {
  @Query(() => [String])
  async notes(@Ctx() { em }: SubgraphContext): Promise<string[]> {
    return (await em.find(NoteEntity, {}, { orderBy: { body: 'asc' } })).map((n) => n.body);
  }
}

const logger = createLogger({ service: 'kit-scope-test', level: 'silent' });
const { postgresAdminUrl } = testServices();
const [T1, T2] = [randomUUID(), randomUUID()];
const bodies = async (em: EntityManager) => (await em.find(NoteEntity, {}, { orderBy: { body: 'asc' } })).map((n) => n.body);
const scoped = (db: Database, principal: Partial<Principal>) => forkWithTenantScope(db.orm.em, tenantScopeOf(testPrincipal(principal)));

describe('tenant scope', () => {
  it('maps principals to scopes: platform admins and the gateway see all, tenant-less callers nothing', () => {
    expect(tenantScopeOf(testPrincipal({ tenantId: T1, roles: ['tenant_admin'] }))).toEqual({ mode: 'tenant', tenantId: T1 });
    expect(tenantScopeOf(testPrincipal({ tenantId: null, authMethod: 'anonymous' }))).toEqual({ mode: 'none' });
    expect(tenantScopeOf(testPrincipal({ tenantId: null, roles: ['tenant_admin'] }))).toEqual({ mode: 'none' });
    expect(tenantScopeOf(testPrincipal({ tenantId: T1, roles: ['platform_admin'] }))).toEqual({ mode: 'all' });
    expect(tenantScopeOf(testPrincipal({ tenantId: null, authMethod: 'service' }))).toEqual({ mode: 'all' });
  });

  it('refuses to mark an entity without a non-nullable tenantId', () => {
    expect(() => {
      @TenantScoped()
      class Orphan {
        @PrimaryKey({ type: 'string' }) id: string;
      }
      return Orphan;
    }).toThrow(/non-nullable tenantId/);
    expect(() => {
      @TenantScoped()
      class Optional {
        @PrimaryKey({ type: 'string' }) id: string;
        @Property({ type: 'string', nullable: true }) tenantId: string | null;
      }
      return Optional;
    }).toThrow(/non-nullable tenantId/);
  });
});

describe.each([
  { dialect: 'sqlite', enabled: true },
  { dialect: 'postgresql', enabled: postgresAdminUrl !== null },
])('tenant filter on $dialect', ({ dialect, enabled }) => {
  let db: Database;
  let drop: (() => Promise<void>) | undefined;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    if (!enabled) return;
    const scratch = dialect === 'postgresql' ? await createScratchPostgresDatabase(postgresAdminUrl!, 'kit_scope') : null;
    drop = scratch?.drop;
    db = await createDatabase({ service: 'kit_scope', entities: [NoteEntity], databaseUrl: scratch?.url, sqlitePath: ':memory:', migrations: { sqlite: [], postgresql: [] }, logger, migrate: false });
    await db.orm.schema.createSchema();
    // Seeds run outside any request and say so: the write guard lets only an explicit all-tenants scope write anywhere.
    const em = forkWithTenantScope(db.orm.em, ALL_TENANTS);
    for (const [tenantId, body] of [[T1, 'a1'], [T1, 'a2'], [T2, 'b1']] as const) ids[body] = em.create(NoteEntity, { tenantId, body }).id;
    await em.flush();
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it.runIf(enabled)('scopes find, findOne, count, native updates and deletes to the tenant', async () => {
    const em = scoped(db, { tenantId: T1 });
    expect(await bodies(em)).toEqual(['a1', 'a2']);
    expect(await em.findOne(NoteEntity, { id: ids.b1! })).toBeNull();
    expect(await em.count(NoteEntity, { tenantId: T2 })).toBe(0);
    expect(await em.nativeUpdate(NoteEntity, { id: ids.b1! }, { body: 'hijacked' })).toBe(0);
    expect(await em.nativeDelete(NoteEntity, { id: ids.b1! })).toBe(0);
    // Nested forks and transactions inherit the scope.
    expect(await em.transactional((tx) => bodies(tx))).toEqual(['a1', 'a2']);
    expect(await bodies(scoped(db, { tenantId: T2 }))).toEqual(['b1']);
  });

  it.runIf(enabled)('shows nothing to a tenant-less caller and everything to platform admins and the gateway', async () => {
    expect(await bodies(scoped(db, { tenantId: null, authMethod: 'anonymous' }))).toEqual([]);
    expect(await bodies(scoped(db, { tenantId: null, roles: ['platform_admin'] }))).toEqual(['a1', 'a2', 'b1']);
    expect(await bodies(scoped(db, { tenantId: null, authMethod: 'service' }))).toEqual(['a1', 'a2', 'b1']);
  });

  it.runIf(enabled)('fails closed on an EntityManager without a scope', async () => {
    await expect(db.orm.em.fork().find(NoteEntity, {})).rejects.toThrow(/No arguments provided for filter 'tenant'/);
  });

  it.runIf(enabled)('reaches query builders only through applyFilters()', async () => {
    const em = scoped(db, { tenantId: T1 }) as SqlEntityManager;
    const rows = (qb: QueryBuilder<NoteEntity, 'n'>) => qb.execute<{ body: string }[]>('all', false).then((r) => r.map((n) => n.body));
    // MikroORM's design, and the reason repositories must call applyFilters(): a bare query builder is unscoped.
    expect(await rows(em.createQueryBuilder(NoteEntity, 'n').select('n.body'))).toContain('b1');
    const qb = em.createQueryBuilder(NoteEntity, 'n').select('n.body').orderBy({ body: 'asc' });
    await qb.applyFilters();
    expect(await rows(qb)).toEqual(['a1', 'a2']);
    const nothing = (scoped(db, { tenantId: null }) as SqlEntityManager).createQueryBuilder(NoteEntity, 'n').select('n.body');
    await nothing.applyFilters();
    expect(await rows(nothing)).toEqual([]);
  });

  it.runIf(enabled)('refuses to flush a row into another tenant', async () => {
    const em = scoped(db, { tenantId: T1 });
    em.create(NoteEntity, { tenantId: T2, body: 'planted' });
    await expect(em.flush()).rejects.toBeInstanceOf(TenantScopeViolation);
    const none = scoped(db, { tenantId: null });
    none.create(NoteEntity, { tenantId: T1, body: 'orphan' });
    await expect(none.flush()).rejects.toBeInstanceOf(TenantScopeViolation);
    const mover = scoped(db, { tenantId: T1 });
    const note = await mover.findOneOrFail(NoteEntity, { id: ids.a1! });
    note.tenantId = T2;
    await expect(mover.flush()).rejects.toBeInstanceOf(TenantScopeViolation);
    const own = scoped(db, { tenantId: T2 });
    own.create(NoteEntity, { tenantId: T2, body: 'b2' });
    await own.flush();
    expect(await bodies(scoped(db, { tenantId: T2 }))).toEqual(['b1', 'b2']);
  });

  it.runIf(enabled)('binds each request’s EntityManager to the principal of its context token', async () => {
    const keys = await generateContextKeyPair();
    const service = await createSubgraphService({
      name: 'kit',
      schema: await buildFederatedSchema({ resolvers: [NoteResolver], federationImports: ['@key'] }),
      logger,
      orm: db.orm,
      verifier: await createContextTokenVerifier({ publicKey: keys.publicKey }, 'kit'),
      extendContext: (base) => base,
      readiness: [],
    });
    const url = `${await service.listen(0, '127.0.0.1')}/graphql`;
    try {
      const notesOf = async (principal: Partial<Principal>) => {
        const { body } = await postGraphQL<{ notes: string[] }>(url, '{ notes }', {}, { 'x-academy-context': await signContextToken(keys, 'kit', principal) });
        return body.data?.notes;
      };
      expect(await notesOf({ tenantId: T1 })).toEqual(['a1', 'a2']);
      expect(await notesOf({ tenantId: null, authMethod: 'anonymous' })).toEqual([]);
      expect((await notesOf({ tenantId: null, roles: ['platform_admin'] }))?.length).toBeGreaterThanOrEqual(3);
    } finally {
      await service.close();
    }
  });
});
