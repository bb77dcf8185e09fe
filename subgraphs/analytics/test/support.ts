import { randomUUID } from 'node:crypto';
import type { ConsumeOptions } from '@academy/event-bus';
import { type ContextKeyPair, createLogger, generateContextKeyPair, type Principal } from '@academy/service-kit';
import { createInfrastructure, createScratchPostgresDatabase, type DatabaseDialect, type Infrastructure } from '@academy/subgraph-kit';
import { type GraphQLResponse, postGraphQL, signContextToken, testServices } from '@academy/testing';
import { connect } from 'amqplib';
import {
  API_USAGE_CONSUMER_GROUP,
  type AnalyticsService,
  CERTIFICATION_MILESTONES_CONSUMER_GROUP,
  createAnalyticsService,
  INGESTION_CONSUMER_GROUP,
  loadAnalyticsEnvironment,
  PRIVACY_CONSUMER_GROUP,
  TENANT_DIRECTORY_CONSUMER_GROUP,
} from '../src';

export const logger = createLogger({ service: 'analytics-test', level: 'silent' });
export const { postgresAdminUrl, amqpUrl, redisUrl } = testServices();

/** SQLite always; PostgreSQL when the global setup found it (it fails the run itself under REQUIRE_SERVICES=1). */
export const dialects: { name: DatabaseDialect; enabled: boolean }[] = [
  { name: 'sqlite', enabled: true },
  { name: 'postgresql', enabled: postgresAdminUrl !== null },
];

export type Caller = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>;

export interface AnalyticsHarness {
  runtime: AnalyticsService;
  /** The service's bus and store: in-process, or RabbitMQ under a prefix of its own. */
  infrastructure: Infrastructure;
  url: string;
  keys: ContextKeyPair;
  /** Calls over HTTP with a context token signed for `principal`, as the gateway would; a tenant admin unless `roles` says otherwise. */
  as(principal: Partial<Principal>): Caller;
  close(): Promise<void>;
}

export interface AnalyticsOptions {
  /** @default 'in-process' */
  bus?: 'in-process' | 'rabbitmq';
  /** RabbitMQ through another address (a proxy that can cut the connection). @default the test server */
  amqpUrl?: string;
  consumeOptions?: ConsumeOptions;
  /** Where caches live: in process, or the test Redis under the run's prefix (its keys deleted on close). @default 'memory' */
  store?: 'memory' | 'redis';
}

/** The group queues, their dead letters, retry queues and the exchange a RabbitMQ run declared under `prefix`. */
export async function deleteRabbitTopology(url: string, prefix: string, consumeOptions: ConsumeOptions | undefined, extraGroups: string[] = []): Promise<void> {
  const connection = await connect(url, { timeout: 2000 });
  try {
    const channel = await connection.createChannel();
    const retryDelay = consumeOptions?.retryDelayMs ?? 1000;
    for (const group of [API_USAGE_CONSUMER_GROUP, INGESTION_CONSUMER_GROUP, TENANT_DIRECTORY_CONSUMER_GROUP, CERTIFICATION_MILESTONES_CONSUMER_GROUP, PRIVACY_CONSUMER_GROUP, ...extraGroups]) {
      const queue = `${prefix}${group}`;
      for (const name of [queue, `${queue}.dead`, `${queue}.retry.${retryDelay}`, `${queue}.retry.${retryDelay * 2}`]) await channel.deleteQueue(name);
    }
    await channel.deleteExchange(`${prefix}academy.events`);
    await channel.close();
  } finally {
    await connection.close();
  }
}

/** Deletes the keys a run wrote under `prefix` (the store's ioredis client adds the prefix to commands, not to KEYS patterns). */
async function deleteRedisKeys({ store }: Infrastructure, prefix: string): Promise<void> {
  const keys = (await store.redis?.keys(`${prefix}*`)) ?? [];
  for (const key of keys) await store.redis?.del(key.slice(prefix.length));
}

/** The real service on port 0, on in-memory SQLite or a scratch PostgreSQL database dropped on close. */
export async function startAnalytics(dialect: DatabaseDialect, { bus = 'in-process', consumeOptions, amqpUrl: viaUrl, store = 'memory' }: AnalyticsOptions = {}): Promise<AnalyticsHarness & { prefix: string }> {
  const keys = await generateContextKeyPair();
  const prefix = `analytics-test.${randomUUID().slice(0, 8)}.`;
  const scratch = dialect === 'postgresql' ? await createScratchPostgresDatabase(postgresAdminUrl!, 'analytics_test') : null;
  const infrastructure = await createInfrastructure({ amqpUrl: bus === 'rabbitmq' ? (viaUrl ?? amqpUrl) : null, redisUrl: store === 'redis' ? redisUrl : null, logger, prefix });
  const cleanUp = async () => {
    if (store === 'redis') await deleteRedisKeys(infrastructure, `${prefix}:`);
    await infrastructure.close();
    if (bus === 'rabbitmq') await deleteRabbitTopology(amqpUrl!, prefix, consumeOptions);
    await scratch?.drop();
  };
  try {
    const env = loadAnalyticsEnvironment({ NODE_ENV: 'test', SQLITE_PATH: ':memory:', DATABASE_URL: scratch?.url });
    const runtime = await createAnalyticsService({ env, logger, contextKeys: { publicKey: keys.publicKey }, infrastructure, consumeOptions });
    const url = `${await runtime.listen(0, '127.0.0.1')}/graphql`;
    return {
      prefix,
      runtime,
      infrastructure,
      url,
      keys,
      as: (principal) => async (query, variables = {}) =>
        postGraphQL(url, query, variables, { 'x-academy-context': await signContextToken(keys, 'analytics', { roles: ['tenant_admin'], ...principal }) }),
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

export const RECORD = `mutation($input: RecordProgressInput!) {
  recordProgress(input: $input) { id learnerId courseId percent occurredAt receivedAt standard { code } }
}`;

export const TENANT_FIELDS = `query($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on Tenant { id progressSummary { events learners courses averagePercent completions } recentProgress(first: 3) { id courseId } }
  }
}`;

/** Polls until `probe` yields a truthy value; avoids fixed sleeps on busy machines. */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A field of `data`, typed by the caller; fails loudly with the errors when there is no data. */
export function dataOf<T>(response: GraphQLResponse, field: string): T {
  if (response.body.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(response.body.errors)}`);
  return (response.body.data as Record<string, T>)[field]!;
}
