import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, generateContextKeyPair, type Principal } from '@academy/service-kit';
import { createScratchPostgresDatabase, type DatabaseDialect, type Infrastructure } from '@academy/subgraph-kit';
import { type GraphQLResponse, postGraphQL, signContextToken, testServices } from '@academy/testing';
import { afterAll, beforeAll } from 'vitest';
import { type ConocerRuntime, createConocerService, loadConocerEnvironment, type SagaHooks } from '../src';

export const logger = createLogger({ service: 'conocer-test', level: 'silent' });
export const { postgresAdminUrl } = testServices();

/** SQLite always; PostgreSQL when the global setup found it (it fails the run itself under REQUIRE_SERVICES=1). */
export const dialects: { name: DatabaseDialect; enabled: boolean }[] = [
  { name: 'sqlite', enabled: true },
  { name: 'postgresql', enabled: postgresAdminUrl !== null },
];

/** A database of its own: a SQLite file (so a second service can start on it) or a scratch PostgreSQL database. */
export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: DatabaseDialect): Promise<TestDatabase> {
  if (dialect === 'postgresql') {
    const scratch = await createScratchPostgresDatabase(postgresAdminUrl!, 'conocer_test');
    return { env: { DATABASE_URL: scratch.url }, drop: scratch.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'conocer-'));
  return { env: { SQLITE_PATH: join(dir, 'conocer.sqlite') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ConocerHarness {
  keys: Awaited<ReturnType<typeof generateContextKeyPair>>;
  runtime: ConocerRuntime;
  url: string;
  /** Signs a context token as the gateway would; for another audience to test refusal, or another principal. */
  token(audience?: string, principal?: Partial<Principal>): Promise<string>;
  /** Calls over HTTP with a valid context token unless `headers` replaces it. */
  call<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<TData>>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** More variables (the sandbox's CONOCER_API_URL, intervals, limits) on top of the database's. */
  env?: Record<string, string>;
  sagaHooks?: SagaHooks;
  /** Shared bus and store (e.g. on Redis, or a second service on the same queues); otherwise in-process ones owned by the service. */
  infrastructure?: Infrastructure;
  /** Reuse a key pair, so tokens of an earlier harness stay valid. */
  keys?: Awaited<ReturnType<typeof generateContextKeyPair>>;
}

/** The real service on port 0, verifying tokens from a key pair only this test holds. The sync schedule is off: tests start syncs themselves. */
export async function startConocer(database: TestDatabase, options: StartOptions = {}): Promise<ConocerHarness> {
  const keys = options.keys ?? (await generateContextKeyPair());
  const env = loadConocerEnvironment({ NODE_ENV: 'test', STANDARDS_SYNC_SCHEDULE: 'off', ...database.env, ...options.env });
  const runtime = await createConocerService({ env, logger, contextKeys: { publicKey: keys.publicKey }, sagaHooks: options.sagaHooks, infrastructure: options.infrastructure });
  const url = `${await runtime.listen(0, '127.0.0.1')}/graphql`;
  const token = (audience = 'conocer', principal: Partial<Principal> = { tenantId: 'tenant-test', subject: 'user-test' }) =>
    signContextToken(keys, audience, principal);
  return {
    keys,
    runtime,
    url,
    token,
    call: async (query, variables = {}, headers) => postGraphQL(url, query, variables, headers ?? { 'x-academy-context': await token() }),
    close: () => runtime.close(),
  };
}

/** Registers start/stop of a service on a fresh database for the enclosing suite. */
export function useConocer(dialect: DatabaseDialect, options: StartOptions = {}): { get(): ConocerHarness; database(): TestDatabase } {
  let database: TestDatabase | undefined;
  let conocer: ConocerHarness | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    conocer = await startConocer(database, options);
  });
  afterAll(async () => {
    await conocer?.close();
    await database?.drop();
  });
  return { get: () => conocer!, database: () => database! };
}
