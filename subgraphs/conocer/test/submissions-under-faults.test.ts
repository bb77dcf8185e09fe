import type { LedgerStats } from '@academy/conocer-sandbox';
import type { Infrastructure } from '@academy/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONOCER_TEST_ENV, callAs, curpFor, staff, submission, submit } from './certification-support';
import { type ConocerHarness, createTestDatabase, startConocer, type TestDatabase } from './harness';
import { type SandboxFixture, startSandbox } from './sandbox-fixture';
import { stacks } from './stacks';

const CONCURRENCY = 16;
const COUNT = 'query ($status: CertificationStatus) { certifications(filter: { status: $status }, first: 1) { totalCount } }';
interface Page {
  nodes: { folio: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string };
}

const FOLIOS = 'query ($after: String) { certifications(filter: { status: ISSUED }, first: 100, after: $after) { nodes { id folio } pageInfo { hasNextPage endCursor } } }';

/*
 * The promise the outbox and the idempotency keys make: whatever CONOCER does (errors, throttling,
 * answers that arrive after the client gave up, requests that hang), every certification reaches
 * CONOCER and none is certified twice. 1,000 on the production stack; on the embedded default too when
 * the servers are missing, else 250 there (SQLite commits cost about three times as much on these machines,
 * and the code paths are the same).
 */
const production = stacks.find((stack) => stack.dialect === 'postgresql')!;
const cases = stacks.map((stack) => ({ ...stack, total: stack === production || !production.enabled ? 1000 : 250 }));

describe.each(cases)('$total certifications against a faulty CONOCER on $name', ({ enabled, dialect, total: TOTAL, infrastructure: makeInfrastructure }) => {
  describe.runIf(enabled)('', () => {
    let sandbox: SandboxFixture;
    let database: TestDatabase;
    let infrastructure: Infrastructure | undefined;
    let conocer: ConocerHarness;

    beforeAll(async () => {
      sandbox = await startSandbox();
      await sandbox.admin('PUT', '/admin/settings', { issuanceDelayMs: 10 });
      database = await createTestDatabase(dialect);
      infrastructure = await makeInfrastructure();
      conocer = await startConocer(database, {
        infrastructure,
        env: { ...sandbox.env, ...CONOCER_TEST_ENV, CONOCER_TIMEOUT_MS: '500', CONOCER_MAX_ATTEMPTS: '2', SUBMISSION_MAX_ATTEMPTS: '1000', CONOCER_BREAKER_FAILURE_THRESHOLD: '8' },
      });
    });
    afterAll(async () => {
      await conocer?.close();
      await infrastructure?.close();
      await database?.drop();
      await sandbox?.sandbox.close();
    });

    it('certifies each exactly once', { timeout: 600_000 }, async () => {
      await sandbox.admin('PUT', '/admin/faults', {
        rules: [
          { kind: 'error', operations: ['submit', 'submission'], status: 503, probability: 0.15 },
          { kind: 'error', operations: ['submit'], status: 500, probability: 0.05 },
          { kind: 'rate_limit', operations: ['submit', 'submission'], probability: 0.05, retryAfterSeconds: 0 },
          // CONOCER takes the lote but answers after the client gave up: the retry must not certify again.
          { kind: 'latency', operations: ['submit'], phase: 'response', latencyMs: 800, probability: 0.05 },
          { kind: 'hang', operations: ['submit', 'submission'], probability: 0.005 },
        ],
      });
      const submitting = Date.now();
      const ids: string[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < TOTAL) {
            const i = next++;
            ids.push((await submit(conocer, submission({ learnerId: `load-${i}`, curp: curpFor(1000 + i), clientRequestId: `load-${i}` }))).id);
          }
        }),
      );
      expect(new Set(ids).size).toBe(TOTAL);
      const submitSeconds = Math.round((Date.now() - submitting) / 1000);

      const issued = async () => (await callAs<{ certifications: { totalCount: number } }>(conocer, staff(), COUNT, { status: 'ISSUED' })).body.data!.certifications.totalCount;
      const started = Date.now();
      while ((await issued()) < TOTAL) {
        if (Date.now() - started > 540_000) throw new Error(`only ${await issued()} of ${TOTAL} issued`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      await sandbox.clearFaults();

      const folios = new Set<string>();
      let after: string | null = null;
      do {
        const page: Page = (await callAs<{ certifications: Page }>(conocer, staff(), FOLIOS, { after })).body.data!.certifications;
        for (const node of page.nodes) folios.add(node.folio);
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(folios.size).toBe(TOTAL);
      const stats = (await sandbox.admin('GET', '/admin/stats')) as LedgerStats;
      // One submission per idempotency key and one certificate per submission: exactly TOTAL at CONOCER.
      expect(stats).toMatchObject({ submissions: TOTAL, issued: TOTAL, pending: 0, rejectedItems: 0 });
      expect((await callAs<{ certifications: { totalCount: number } }>(conocer, staff(), COUNT, {})).body.data!.certifications.totalCount).toBe(TOTAL);
      console.log(`${TOTAL} certifications (${dialect}): ${submitSeconds} s to submit, ${Math.round((Date.now() - started) / 1000)} s more to drain; ${stats.repeatedKeys} repeated keys answered with the original submission`);
    });
  });
});
