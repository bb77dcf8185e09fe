import type { LedgerStats } from '@academy/conocer-sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  anonymous,
  CONOCER_TEST_ENV,
  callAs,
  certificationById,
  curpFor,
  ECE,
  eventually,
  platformAdmin,
  STANDARD,
  submission,
  submit,
  VERIFY,
  waitForStatus,
} from './certification-support';
import { type ConocerHarness, createTestDatabase, dialects, startConocer, type TestDatabase } from './harness';
import { type SandboxFixture, startSandbox } from './sandbox-fixture';

const DEAD_LETTERS = '{ deadLetteredSubmissions { certificationId tenantId reason attempts failedAt } }';
const REPLAY = 'mutation { replayDeadLetteredSubmissions }';

describe.each(dialects)('certifications through the CONOCER sandbox on $name', ({ name, enabled }) => {
  describe.runIf(enabled)('over HTTP', () => {
    let sandbox: SandboxFixture;
    let database: TestDatabase;
    let conocer: ConocerHarness;
    const stats = async () => (await sandbox.admin('GET', '/admin/stats')) as LedgerStats;

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
    beforeEach(async () => {
      await sandbox.clearFaults();
    });

    it('certifies through CONOCER: RECEIVED in a lote, folio polled, one certificate at the sandbox', async () => {
      const before = await stats();
      const created = await submit(conocer, submission({ learnerId: 'ana', curp: curpFor(11) }));
      const issued = await waitForStatus(conocer, created.id, 'ISSUED');
      expect(issued.folio).toMatch(/^CNC-\d{4}-\d{7}$/);
      expect(issued).toMatchObject({ provider: 'conocer', credential: null, submissionAttempts: 1 });
      expect(issued.saga!.status).toBe('COMPLETED');
      expect(await stats()).toMatchObject({ submissions: before.submissions + 1, issued: before.issued + 1 });
      const { body } = await callAs<{ verifyCertification: { certificates: { folio: string; source: string; issuer: string }[] } }>(conocer, anonymous, VERIFY, { folio: issued.folio });
      expect(body.data!.verifyCertification.certificates).toEqual([expect.objectContaining({ folio: issued.folio, source: 'PLATFORM', issuer: 'CONOCER' })]);
    });

    it('queues submissions while CONOCER is down (the circuit opens) and drains them after it recovers, each once', async () => {
      const before = await stats();
      const circuit: string[] = [];
      const stopWatching = conocer.runtime.conocer.client.onCircuitChange((state) => circuit.push(state));
      try {
        // Down until the test says otherwise, so what is checked "during" cannot race a clock.
        await sandbox.fault({ kind: 'error', status: 503, operations: ['submit'] });
        const created = await Promise.all(Array.from({ length: 12 }, (_, i) => submit(conocer, submission({ learnerId: `outage-${i}`, curp: curpFor(100 + i) }))));
        await eventually(conocer, async () => circuit.includes('open'));
        // Nothing issued: every certification PENDING, parked or retrying, none dead-lettered.
        const during = await Promise.all(created.map((c) => certificationById(conocer, c.id)));
        expect(during.map((c) => c!.status)).toEqual(created.map(() => 'PENDING'));
        expect(during.every((c) => c!.deadLetteredAt === null)).toBe(true);
        const pending = await callAs<{ conocerSync: { pendingSubmissions: number } }>(conocer, platformAdmin, '{ conocerSync { pendingSubmissions } }');
        expect(pending.body.data!.conocerSync.pendingSubmissions).toBeGreaterThanOrEqual(12);
        expect((await stats()).submissions).toBe(before.submissions);
        await sandbox.clearFaults();
        for (const c of created) await waitForStatus(conocer, c.id, 'ISSUED', 60_000);
        expect(circuit).toContain('closed');
        const after = await stats();
        expect(after.submissions - before.submissions).toBe(12);
        expect(after.issued - before.issued).toBe(12);
      } finally {
        stopWatching();
      }
    });

    it('compensates when CONOCER rejects at issuance (TODAVIA_NO_COMPETENTE): REJECTED, the standard free again', async () => {
      const created = await submit(conocer, submission({ learnerId: 'beto', curp: curpFor(12), judgment: 'TODAVIA_NO_COMPETENTE' }));
      const rejected = await waitForStatus(conocer, created.id, 'REJECTED');
      expect(rejected.reason).toMatchObject({ code: 'NOT_COMPETENT' });
      expect(rejected.saga).toMatchObject({ status: 'COMPENSATED', failure: { code: 'NOT_COMPETENT' } });
      expect(rejected.saga!.steps.map((s) => s.status)).toEqual(['DONE', 'COMPENSATED', 'FAILED', 'PENDING', 'PENDING']);
    });

    it('answers verification from CONOCER for certificates the platform did not issue, masked', async () => {
      const curp = curpFor(13);
      const receipt = await conocer.runtime.conocer.client.submitBatch([
        { idempotencyKey: 'issued-elsewhere-1', curp, standardCode: STANDARD, judgment: 'COMPETENTE', evaluatedOn: '2025-06-01', evaluationCenterId: ECE },
      ]);
      const submissionId = receipt.items[0]!.submissionId!;
      const folio = await eventually(conocer, async () => (await conocer.runtime.conocer.client.getSubmission(submissionId)).folio);
      const { body } = await callAs<{ verifyCertification: { certificates: Record<string, unknown>[] } }>(conocer, anonymous, VERIFY, { curp });
      expect(body.data!.verifyCertification.certificates).toEqual([
        expect.objectContaining({ folio, standardCode: STANDARD, source: 'PROVIDER', issuer: 'CONOCER', maskedCurp: `${curp.slice(0, 4)}************${curp.slice(-2)}` }),
      ]);
      expect(JSON.stringify(body)).not.toContain(curp);
    });
  });
});

describe('dead-lettered submissions', () => {
  let sandbox: SandboxFixture;
  let database: TestDatabase;
  let conocer: ConocerHarness;

  beforeAll(async () => {
    sandbox = await startSandbox();
    await sandbox.admin('PUT', '/admin/settings', { issuanceDelayMs: 20 });
    database = await createTestDatabase('sqlite');
    conocer = await startConocer(database, {
      env: { ...sandbox.env, ...CONOCER_TEST_ENV, SUBMISSION_MAX_ATTEMPTS: '3', SUBMISSION_RETRY_DELAY_MS: '50', SUBMISSION_MAX_RETRY_DELAY_MS: '100', CONOCER_MAX_ATTEMPTS: '1' },
    });
  });
  afterAll(async () => {
    await conocer?.close();
    await database?.drop();
    await sandbox?.sandbox.close();
  });

  it('dead-letters a submission with the reason after its retry budget, lists it for platform admins, and replays it', async () => {
    await sandbox.fault({ kind: 'error', operations: ['submit'], status: 503 });
    const created = await submit(conocer, submission({ learnerId: 'dead', curp: curpFor(14) }));
    const dead = await eventually(conocer, async () => {
      const found = await certificationById(conocer, created.id);
      return found?.deadLetteredAt ? found : null;
    });
    expect(dead).toMatchObject({ status: 'PENDING', submissionAttempts: 3 });
    const listed = await eventually(conocer, async () => {
      const { body } = await callAs<{ deadLetteredSubmissions: { certificationId: string; reason: string; attempts: number }[] }>(conocer, platformAdmin, DEAD_LETTERS);
      return body.data?.deadLetteredSubmissions.find((letter) => letter.certificationId === created.id);
    });
    expect(listed.attempts).toBe(3);
    expect(listed.reason).toMatch(/503|unavailable|circuit/i);
    expect((await callAs(conocer, { ...platformAdmin, roles: ['tenant_admin'], tenantId: 'x' }, REPLAY)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await sandbox.clearFaults();
    // The circuit may still be open from the failures; replay sends the submission again either way.
    const { body } = await callAs<{ replayDeadLetteredSubmissions: number }>(conocer, platformAdmin, REPLAY);
    expect(body.data!.replayDeadLetteredSubmissions).toBe(1);
    const issued = await waitForStatus(conocer, created.id, 'ISSUED', 30_000);
    expect(issued.deadLetteredAt).toBeNull();
    expect(((await sandbox.admin('GET', '/admin/stats')) as LedgerStats).issued).toBe(1);
  });
});
