import { buildAnalyticsSchema, createAnalyticsService, loadAnalyticsEnvironment } from '@academy/analytics';
import { buildConocerSchema, createConocerService, loadConocerEnvironment } from '@academy/conocer';
import { type ContextKeyPair, type ContextKeySource, createLogger, generateContextKeyPair, type Principal } from '@academy/service-kit';
import type { SubgraphRuntime } from '@academy/subgraph-kit';
import { buildTenancySchema, createTenancyService, loadTenancyEnvironment, seedDemoTenants } from '@academy/tenancy';
import { type GraphQLResponse, postGraphQL, signContextToken } from '@academy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectIds, normalise, sameShape } from './isolation/compare';
import { fieldRequest, type Hints, isIdLike, rootFields, type WalkCase, type WalkRequest, walkSchema } from './isolation/schema-walker';

/**
 * Generated tenant-isolation test. It walks each subgraph's schema for every entry point that takes
 * an id (id-like arguments of Query and Mutation fields, `_entities` of every resolvable key) and
 * calls it as tenant A's admin with each of tenant B's real ids and with a made-up id of the same
 * shape. The answers must not differ: another tenant's object must look exactly like a missing one.
 * Fields added later are walked without touching this file.
 */

const logger = createLogger({ service: 'isolation-test', level: 'silent' });
const env = { NODE_ENV: 'test', SQLITE_PATH: ':memory:', LOG_LEVEL: 'silent' };
type Tenant = 'A' | 'B';

const SUBGRAPHS = [
  { name: 'tenancy', build: buildTenancySchema, start: (contextKeys: ContextKeySource) => createTenancyService({ env: loadTenancyEnvironment(env), logger, contextKeys }) },
  { name: 'conocer', build: buildConocerSchema, start: (contextKeys: ContextKeySource) => createConocerService({ env: loadConocerEnvironment(env), logger, contextKeys }) },
  { name: 'analytics', build: buildAnalyticsSchema, start: (contextKeys: ContextKeySource) => createAnalyticsService({ env: loadAnalyticsEnvironment(env), logger, contextKeys }) },
] as const;

/**
 * Entry points the walker cannot call generically (`subgraph:label` → why). Empty today; an entry
 * must name an entry point that still exists, so the list cannot outlive its reason.
 */
const NOT_WALKABLE: Record<string, string> = {};

/** The fewest entry points the walk must reach per subgraph, so it cannot pass by finding nothing. */
const MIN_CASES: Record<string, number> = { tenancy: 8, conocer: 1, analytics: 4 };

/** Mutations that make a tenant's data, called with generated arguments to give both tenants rows. */
const CREATING = /^(create|record|add|issue|register)[A-Z]/;

/** Example values where a bare "x" would fail validation; free-form ids differ per tenant so they never collide. */
const hintsFor = (tenant: Tenant): Hints => ({
  learnerId: `learner-${tenant.toLowerCase()}-isolation`,
  courseId: `course-${tenant.toLowerCase()}-isolation`,
  percent: 50,
  name: `Isolation ${tenant}`,
  scopes: ['progress:read'],
});

describe('tenant isolation, walked from every subgraph schema', async () => {
  const schemas = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (s) => [s.name, await s.build()] as const)));
  const cases: WalkCase[] = SUBGRAPHS.flatMap((s) => walkSchema(s.name, schemas[s.name]!, {}))
    .filter((c) => !(`${c.subgraph}:${c.label}` in NOT_WALKABLE))
    .sort((a, b) => a.order - b.order);

  let keys: ContextKeyPair;
  const runtimes: SubgraphRuntime[] = [];
  const urls: Record<string, string> = {};
  const tenantIds = {} as Record<Tenant, string>;
  /** The ids each tenant's admin saw or made, minus those both saw (shared data such as the catalog). */
  const owned: Record<Tenant, Set<string>> = { A: new Set(), B: new Set() };
  const known = new Set<string>();

  const admin = (tenant: Tenant): Partial<Principal> => ({ tenantId: tenantIds[tenant], subject: `admin-${tenant}`, roles: ['tenant_admin'], scopes: [], authMethod: 'jwt' });
  const call = async (subgraph: string, tenant: Tenant, { query, variables }: WalkRequest): Promise<GraphQLResponse> =>
    postGraphQL(urls[subgraph]!, query, variables, { 'x-academy-context': await signContextToken(keys, subgraph, admin(tenant)) });
  /** Status, data and errors with the two ids replaced, for comparing. */
  const answer = async (c: WalkCase, tenant: Tenant, value: string, other: string) => {
    const response = await call(c.subgraph, tenant, c.request(value));
    const codes = response.body.errors?.map((e) => e.extensions?.code) ?? [];
    expect(codes, `${c.label}: the walker built an invalid operation`).not.toContain('GRAPHQL_VALIDATION_FAILED');
    return `${response.status} ${normalise(response, [value, other], known)}`;
  };

  beforeAll(async () => {
    keys = await generateContextKeyPair();
    for (const subgraph of SUBGRAPHS) {
      const runtime = await subgraph.start({ publicKey: keys.publicKey });
      runtimes.push(runtime);
      urls[subgraph.name] = `${await runtime.listen(0, '127.0.0.1')}/graphql`;
    }
    const demo = await seedDemoTenants(runtimes[0]!.database.orm.em.fork());
    [tenantIds.A, tenantIds.B] = Object.values(demo) as [string, string];
    for (const tenant of ['A', 'B'] as const) {
      const seen = new Set([tenantIds[tenant]]);
      for (const { name } of SUBGRAPHS) {
        const creators = rootFields(schemas[name]!, 'Mutation').filter((f) => CREATING.test(f.name) && !f.args.some((a) => isIdLike(a.name, a.type)));
        for (const field of creators) collectIds((await call(name, tenant, fieldRequest('mutation', field, hintsFor(tenant))())).body.data, seen);
        // Then every query that needs no id, to gather the ids the tenant's admin can see.
        for (const field of rootFields(schemas[name]!, 'Query').filter((f) => !f.args.some((a) => isIdLike(a.name, a.type) && a.type.toString().endsWith('!')))) {
          collectIds((await call(name, tenant, fieldRequest('query', field, {})())).body.data, seen);
        }
      }
      owned[tenant] = seen;
    }
    expect(owned.B.has(tenantIds.A), "tenant B's admin saw tenant A's id").toBe(false);
    expect(owned.A.has(tenantIds.B), "tenant A's admin saw tenant B's id").toBe(false);
    for (const id of [...owned.A].filter((id) => owned.B.has(id))) {
      owned.A.delete(id);
      owned.B.delete(id);
    }
    for (const id of [...owned.A, ...owned.B]) known.add(id);
  });

  afterAll(async () => {
    for (const runtime of runtimes.reverse()) await runtime.close();
  });

  it('reaches enough entry points and tenant data that it cannot pass vacuously', () => {
    for (const [subgraph, min] of Object.entries(MIN_CASES)) {
      expect(cases.filter((c) => c.subgraph === subgraph).length, `entry points walked in ${subgraph}`).toBeGreaterThanOrEqual(min);
    }
    for (const key of Object.keys(NOT_WALKABLE)) {
      const [subgraph, label] = key.split(':');
      expect(walkSchema(subgraph!, schemas[subgraph!]!, {}).map((c) => c.label), `stale NOT_WALKABLE entry ${key}`).toContain(label);
    }
    // The tenant itself, its progress events, learners and courses at least.
    expect(owned.B.size, [...owned.B].join(', ')).toBeGreaterThanOrEqual(4);
  });

  it.each(cases)("$subgraph $label answers tenant B's ids as if they did not exist", async (c) => {
    const leaks: { id: string; real: string; missing: string }[] = [];
    for (const id of owned.B) {
      const missing = sameShape(id);
      const [real, made] = [await answer(c, 'A', id, missing), await answer(c, 'A', missing, id)];
      if (real !== made) leaks.push({ id, real, missing: made });
    }
    expect(leaks).toEqual([]);
  });

  it("tells the caller's own ids from missing ones (the comparison is not blind)", async () => {
    const seeing = new Set<string>();
    for (const c of cases) {
      for (const id of owned.A) {
        const missing = sameShape(id);
        if ((await answer(c, 'A', id, missing)) !== (await answer(c, 'A', missing, id))) seeing.add(c.subgraph);
      }
    }
    expect([...seeing].sort()).toEqual(['analytics', 'tenancy']);
  });
});
