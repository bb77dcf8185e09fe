import { scrape, total } from '@academy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONOCER_TEST_ENV, callAs, curpFor, eventually, platformAdmin, submission, submit, waitForStatus } from './certification-support';
import { type ConocerHarness, createTestDatabase, dialects, startConocer, type TestDatabase } from './harness';
import { type SandboxFixture, startSandbox } from './sandbox-fixture';

const SYNC = 'mutation { syncCompetencyStandards(mode: FULL) { id } }';
const JOB = 'query ($id: ID!) { standardsSyncJob(id: $id) { status } }';

describe.each(dialects)('CONOCER metrics on $name', ({ name, enabled }) => {
  describe.runIf(enabled)('moved by real syncs and submissions against the sandbox', () => {
    let sandbox: SandboxFixture;
    let database: TestDatabase;
    let conocer: ConocerHarness;
    const metrics = () => scrape(conocer.url.replace(/\/graphql$/, ''));
    const value = async (metric: string, labels: Record<string, string> = {}) => total(await metrics(), metric, labels);

    /** Starts a FULL sync and waits for it to finish; its final status. */
    const sync = async (): Promise<string> => {
      const { body } = await callAs<{ syncCompetencyStandards: { id: string } }>(conocer, platformAdmin, SYNC);
      expect(body.errors).toBeUndefined();
      const id = body.data!.syncCompetencyStandards.id;
      return eventually(conocer, async () => {
        const status = (await callAs<{ standardsSyncJob: { status: string } }>(conocer, platformAdmin, JOB, { id })).body.data!.standardsSyncJob.status;
        return status === 'RUNNING' ? null : status;
      });
    };

    beforeAll(async () => {
      sandbox = await startSandbox();
      await sandbox.admin('PUT', '/admin/settings', { issuanceDelayMs: 20 });
      database = await createTestDatabase(name);
      conocer = await startConocer(database, { env: { ...sandbox.env, ...CONOCER_TEST_ENV } });
    });
    afterAll(async () => {
      await conocer?.close();
      await database?.drop();
      await sandbox?.sandbox.close();
    });

    it('start from a clean state', async () => {
      const samples = await metrics();
      expect(total(samples, 'academy_conocer_sync_consecutive_failures')).toBe(0);
      expect(total(samples, 'academy_conocer_sync_last_success_timestamp_seconds')).toBe(0);
      expect(total(samples, 'academy_conocer_pending_submissions')).toBe(0);
      expect(total(samples, 'academy_conocer_oldest_pending_submission_age_seconds')).toBe(0);
      expect(total(samples, 'academy_conocer_sync_runs_total')).toBe(0);
    });

    it('count failed syncs, consecutive failures and call errors while CONOCER is down, and reset on a success', async () => {
      await sandbox.fault({ kind: 'outage', operations: ['standards'], durationMs: 600_000 });
      expect(await sync()).toBe('FAILED');
      expect(await sync()).toBe('FAILED');
      let samples = await metrics();
      expect(total(samples, 'academy_conocer_sync_runs_total', { mode: 'FULL', outcome: 'failed' })).toBe(2);
      expect(total(samples, 'academy_conocer_sync_consecutive_failures')).toBe(2);
      expect(total(samples, 'academy_conocer_calls_total', { operation: 'listStandards', outcome: 'error' })).toBeGreaterThan(0);
      expect(total(samples, 'academy_circuit_state', { circuit: 'conocer-api' })).toBe(1);

      await sandbox.clearFaults();
      // The failures may have opened the circuit: the next sync waits for it to let a call through.
      await eventually(conocer, async () => conocer.runtime.conocer.client.circuitState() !== 'open');
      const before = Date.now() / 1000;
      expect(await sync()).toBe('SUCCEEDED');
      samples = await metrics();
      expect(total(samples, 'academy_conocer_sync_runs_total', { mode: 'FULL', outcome: 'succeeded' })).toBe(1);
      expect(total(samples, 'academy_conocer_sync_consecutive_failures')).toBe(0);
      expect(total(samples, 'academy_conocer_sync_last_success_timestamp_seconds')).toBeGreaterThanOrEqual(Math.floor(before));
      expect(total(samples, 'academy_conocer_calls_total', { operation: 'listStandards', outcome: 'ok' })).toBeGreaterThan(0);
    });

    it('report a submission waiting for CONOCER, and its age, until it is issued', async () => {
      await sandbox.fault({ kind: 'error', status: 503, operations: ['submit'] });
      const created = await submit(conocer, submission({ learnerId: 'metrics-1', curp: curpFor(301) }));
      expect(await value('academy_conocer_pending_submissions')).toBe(1);
      await eventually(conocer, async () => (await value('academy_conocer_oldest_pending_submission_age_seconds')) > 0);
      await eventually(conocer, async () => (await value('academy_conocer_calls_total', { operation: 'submitBatch', outcome: 'error' })) > 0);

      await sandbox.clearFaults();
      await waitForStatus(conocer, created.id, 'ISSUED', 60_000);
      expect(await value('academy_conocer_pending_submissions')).toBe(0);
      expect(await value('academy_conocer_oldest_pending_submission_age_seconds')).toBe(0);
    });
  });
});
