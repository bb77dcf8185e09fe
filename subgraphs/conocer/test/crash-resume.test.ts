import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { LedgerStats } from '@academy/conocer-sandbox';
import { exportContextKeyPair, generateContextKeyPair } from '@academy/service-kit';
import { postGraphQL, signContextToken } from '@academy/testing';
import { createDatabase } from '@academy/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONOCER_TEST_ENV, callAs, curpFor, learner, MY_NOTIFICATIONS, SUBMIT, staff, submission, waitForStatus } from './certification-support';
import { migrations } from '../src/migrations';
import { SagaEntity } from '../src/modules/saga';
import { conocerEntities } from '../src/schema';
import { type ConocerHarness, createTestDatabase, dialects, logger, startConocer, type TestDatabase } from './harness';
import { type SandboxFixture, startSandbox } from './sandbox-fixture';

const ROOT = join(__dirname, '..');
/** Short leases: the dead process's sagas are free again half a second after it died. */
const ENV = { ...CONOCER_TEST_ENV, SAGA_LEASE_MS: '500', STANDARDS_SYNC_SCHEDULE: 'off' };

/** Starts the service in a child process that SIGKILLs itself right after `killAfterStep` commits. */
async function startCrashingConocer(env: Record<string, string>, publicPem: string, killAfterStep: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--conditions=development', '-r', '@swc-node/register', join('test', 'fixtures', 'crashing-conocer.ts'), JSON.stringify({ env, publicPem, killAfterStep })], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout! });
  const started = new Promise<string>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`the child exited (${code}) before listening: ${stderr}`)));
  });
  return { child, url: await started };
}

/** The saga rows as stored, read with the service's own database setup (no migrations run). */
async function sagaRows(database: TestDatabase): Promise<{ steps: { name: string; status: string }[] }[]> {
  const db = await createDatabase({
    service: 'conocer',
    entities: conocerEntities,
    databaseUrl: database.env.DATABASE_URL,
    sqlitePath: database.env.SQLITE_PATH ?? ':memory:',
    migrations,
    logger,
    migrate: false,
  });
  try {
    const rows = await db.orm.em.fork().find(SagaEntity, {}, { filters: false });
    return rows.map((row) => ({ steps: row.steps }));
  } finally {
    await db.close();
  }
}

describe.each(dialects)('a process killed mid-saga on $name', ({ name, enabled }) => {
  describe.runIf(enabled)('', () => {
    let sandbox: SandboxFixture;
    const databases: TestDatabase[] = [];

    beforeAll(async () => {
      sandbox = await startSandbox();
      await sandbox.admin('PUT', '/admin/settings', { issuanceDelayMs: 20 });
    });
    afterAll(async () => {
      for (const database of databases) await database.drop();
      await sandbox?.sandbox.close();
    });

    it.each(['generateCertificate', 'submitToProvider', 'updateLearnerProfile'])(
      'resumes from the step after %s in a new process: one certificate, one notification',
      { timeout: 120_000 },
      async (killAfterStep) => {
        const database = await createTestDatabase(name);
        databases.push(database);
        const env = { ...database.env, ...sandbox.env, ...ENV };
        const keys = await generateContextKeyPair();
        const before = (await sandbox.admin('GET', '/admin/stats')) as LedgerStats;

        const { child, url } = await startCrashingConocer(env, (await exportContextKeyPair(keys)).publicPem, killAfterStep);
        const exited = once(child, 'exit');
        const input = submission({ learnerId: `crash-${killAfterStep}`, curp: curpFor(300 + killAfterStep.length) });
        const answer = postGraphQL(url, SUBMIT, { input }, { 'x-academy-context': await signContextToken(keys, 'conocer', staff()) }).catch((error: Error) => error);
        const [, signal] = await exited;
        expect(signal).toBe('SIGKILL');
        await answer;

        // What the dead process left: the saga stopped right after the step, nothing later recorded.
        const left = await sagaRows(database);
        expect(left).toHaveLength(1);
        const steps = left[0]!.steps.map((step) => `${step.name}:${step.status}`);
        const stoppedAt = steps.findIndex((step) => step.startsWith(`${killAfterStep}:`));
        expect(steps[stoppedAt]).toMatch(/:(DONE|WAITING)$/);
        expect(steps.slice(stoppedAt + 1).every((step) => step.endsWith(':PENDING'))).toBe(true);

        // A new process on the same database (and the same CONOCER) finishes what the dead one started.
        let conocer: ConocerHarness | undefined;
        try {
          conocer = await startConocer(database, { env: { ...sandbox.env, ...ENV }, keys });
          const { body } = await callAs<{ certifications: { nodes: { id: string }[] } }>(conocer, staff(), '{ certifications(first: 10) { nodes { id } } }');
          const ids = body.data!.certifications.nodes.map((n) => n.id);
          expect(ids).toHaveLength(1);
          const issued = await waitForStatus(conocer, ids[0]!, 'ISSUED', 60_000);
          expect(issued.saga!.status).toBe('COMPLETED');
          expect(issued.saga!.steps.map((s) => s.status)).toEqual(['DONE', 'DONE', 'DONE', 'DONE', 'DONE']);
          const notifications = await callAs<{ myNotifications: { nodes: { kind: string }[] } }>(conocer, learner(input.learnerId as string), MY_NOTIFICATIONS);
          expect(notifications.body.data!.myNotifications.nodes.map((n) => n.kind)).toEqual(['CERTIFICATION_ISSUED']);
          const after = (await sandbox.admin('GET', '/admin/stats')) as LedgerStats;
          expect(after.submissions - before.submissions).toBe(1);
          expect(after.issued - before.issued).toBe(1);
        } finally {
          await conocer?.close();
        }
      },
    );
  });
});
