import { type ContextKeyPair, createLogger, generateContextKeyPair, type Principal } from '@academy/service-kit';
import { createScratchPostgresDatabase, type DatabaseDialect, type SubgraphRuntime } from '@academy/subgraph-kit';
import { type GraphQLResponse, postGraphQL, signContextToken, testServices } from '@academy/testing';
import { createAnalyticsService, loadAnalyticsEnvironment } from '../src';

export const logger = createLogger({ service: 'analytics-test', level: 'silent' });
export const { postgresAdminUrl } = testServices();

/** SQLite always; PostgreSQL when the global setup found it (it fails the run itself under REQUIRE_SERVICES=1). */
export const dialects: { name: DatabaseDialect; enabled: boolean }[] = [
  { name: 'sqlite', enabled: true },
  { name: 'postgresql', enabled: postgresAdminUrl !== null },
];

export type Caller = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>;

export interface AnalyticsHarness {
  runtime: SubgraphRuntime;
  url: string;
  keys: ContextKeyPair;
  /** Calls over HTTP with a context token signed for `principal`, as the gateway would. */
  as(principal: Partial<Principal>): Caller;
  close(): Promise<void>;
}

/** The real service on port 0, on in-memory SQLite or a scratch PostgreSQL database dropped on close. */
export async function startAnalytics(dialect: DatabaseDialect): Promise<AnalyticsHarness> {
  const keys = await generateContextKeyPair();
  const scratch = dialect === 'postgresql' ? await createScratchPostgresDatabase(postgresAdminUrl!, 'analytics_test') : null;
  try {
    const env = loadAnalyticsEnvironment({ NODE_ENV: 'test', SQLITE_PATH: ':memory:', DATABASE_URL: scratch?.url });
    const runtime = await createAnalyticsService({ env, logger, contextKeys: { publicKey: keys.publicKey } });
    const url = `${await runtime.listen(0, '127.0.0.1')}/graphql`;
    return {
      runtime,
      url,
      keys,
      as: (principal) => async (query, variables = {}) =>
        postGraphQL(url, query, variables, { 'x-academy-context': await signContextToken(keys, 'analytics', principal) }),
      close: async () => {
        await runtime.close();
        await scratch?.drop();
      },
    };
  } catch (error) {
    await scratch?.drop();
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

/** A field of `data`, typed by the caller; fails loudly with the errors when there is no data. */
export function dataOf<T>(response: GraphQLResponse, field: string): T {
  if (response.body.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(response.body.errors)}`);
  return (response.body.data as Record<string, T>)[field]!;
}
