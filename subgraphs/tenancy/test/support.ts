import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@academy/event-bus';
import { type ContextKeyPair, createLogger, generateContextKeyPair, type Principal } from '@academy/service-kit';
import { createInfrastructure, createScratchPostgresDatabase, type DatabaseDialect, type Infrastructure, type SubgraphRuntime } from '@academy/subgraph-kit';
import { type GraphQLResponse, postGraphQL, signContextToken, testServices } from '@academy/testing';
import { connect } from 'amqplib';
import { CONSUMER_GROUP, createTenancyService, loadTenancyEnvironment, seedDemoTenants } from '../src';

export const logger = createLogger({ service: 'tenancy-test', level: 'silent' });
export const { postgresAdminUrl, amqpUrl } = testServices();

/** SQLite always; PostgreSQL when the global setup found it (it fails the run itself under REQUIRE_SERVICES=1). */
export const dialects: { name: DatabaseDialect; enabled: boolean }[] = [
  { name: 'sqlite', enabled: true },
  { name: 'postgresql', enabled: postgresAdminUrl !== null },
];

export const SIGNING_KEY = 'test-signing-key-0123456789abcdef0123456789';
export const RANDOM_TENANT_ID = '00000000-0000-4000-8000-000000000000';

export type Caller = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>;

export interface TenancyHarness {
  runtime: SubgraphRuntime;
  infrastructure: Infrastructure;
  url: string;
  keys: ContextKeyPair;
  /** The demo tenants' ids by slug. */
  demo: Record<string, string>;
  /** Every event on the bus since start, in arrival order. */
  events: DomainEvent[];
  /** Calls over HTTP with a context token signed for `principal`, as the gateway would. */
  as(principal: Partial<Principal>): Caller;
  close(): Promise<void>;
}

export const principals = {
  anonymous: (): Partial<Principal> => ({ authMethod: 'anonymous' }),
  platformAdmin: (tenantId: string | null = null): Partial<Principal> => ({ subject: 'platform-1', roles: ['platform_admin'], tenantId }),
  tenantAdmin: (tenantId: string): Partial<Principal> => ({ subject: `admin-of-${tenantId.slice(0, 8)}`, roles: ['tenant_admin'], tenantId }),
  learner: (tenantId: string): Partial<Principal> => ({ subject: 'learner-1', roles: ['learner'], tenantId }),
  partner: (tenantId: string, roles = ['partner']): Partial<Principal> => ({ subject: 'key-partner', roles, scopes: ['progress:read'], tenantId, authMethod: 'api_key' }),
  /** Exactly what the gateway signs for its own lookups. */
  gateway: (): Partial<Principal> => ({ authMethod: 'service', subject: 'academy-gateway', roles: [], scopes: [], tenantId: null }),
};

/** The queues and exchange a RabbitMQ run declares under `prefix`, deleted after the suite. */
async function deleteRabbitTopology(url: string, prefix: string): Promise<void> {
  const connection = await connect(url, { timeout: 2000 });
  try {
    const channel = await connection.createChannel();
    for (const group of Object.values(CONSUMER_GROUP)) {
      await channel.deleteQueue(`${prefix}${group}`);
      await channel.deleteQueue(`${prefix}${group}.dead`);
    }
    await channel.deleteExchange(`${prefix}academy.events`);
    await channel.close();
  } finally {
    await connection.close();
  }
}

/** The real service on port 0, on in-memory SQLite or a scratch PostgreSQL database, with its own bus. */
export async function startTenancy(dialect: DatabaseDialect, bus: 'in-process' | 'rabbitmq' = 'in-process'): Promise<TenancyHarness> {
  const keys = await generateContextKeyPair();
  const prefix = `tenancy-test.${randomUUID().slice(0, 8)}.`;
  const scratch = dialect === 'postgresql' ? await createScratchPostgresDatabase(postgresAdminUrl!, 'tenancy_test') : null;
  const infrastructure = await createInfrastructure({ amqpUrl: bus === 'rabbitmq' ? amqpUrl : null, logger, prefix });
  const cleanUp = async () => {
    await infrastructure.close();
    if (bus === 'rabbitmq') await deleteRabbitTopology(amqpUrl!, prefix);
    await scratch?.drop();
  };
  try {
    const events: DomainEvent[] = [];
    await infrastructure.bus.broadcast(['#'], async (event) => {
      events.push(event);
    });
    const env = loadTenancyEnvironment({ NODE_ENV: 'test', SQLITE_PATH: ':memory:', DATABASE_URL: scratch?.url, API_KEY_SIGNING_KEY: SIGNING_KEY });
    const runtime = await createTenancyService({ env, logger, contextKeys: { publicKey: keys.publicKey }, infrastructure });
    const url = `${await runtime.listen(0, '127.0.0.1')}/graphql`;
    const demo = await seedDemoTenants(runtime.database.orm.em.fork());
    return {
      runtime,
      infrastructure,
      url,
      keys,
      demo,
      events,
      as: (principal) => async (query, variables = {}) =>
        postGraphQL(url, query, variables, { 'x-academy-context': await signContextToken(keys, 'tenancy', principal) }),
      close: async () => {
        await runtime.close();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** A field of `data`, typed by the caller; fails loudly with the errors when there are any. */
export function dataOf<T>(response: GraphQLResponse, field: string): T {
  if (response.body.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(response.body.errors)}`);
  return (response.body.data as Record<string, T>)[field]!;
}

export function errorCodeOf(response: GraphQLResponse): string | undefined {
  return response.body.errors?.[0]?.extensions?.code;
}

let counter = 0;
/** A slug no other test (or run) uses. */
export function uniqueSlug(label: string): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}`.slice(0, 40);
}

/** A fresh tenant made by a platform admin; returns its id. */
export async function createTenant(harness: TenancyHarness, label: string, plan = 'PRO'): Promise<string> {
  const response = await harness.as(principals.platformAdmin())(
    'mutation($input: CreateTenantInput!) { createTenant(input: $input) { id } }',
    { input: { slug: uniqueSlug(label), name: label, plan } },
  );
  return dataOf<{ id: string }>(response, 'createTenant').id;
}

/** Polls until `condition` holds; avoids fixed sleeps on busy machines. */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
