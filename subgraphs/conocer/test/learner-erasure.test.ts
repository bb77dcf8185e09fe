import { randomUUID } from 'node:crypto';
import { newEvent } from '@academy/event-bus';
import { LEARNER_EVENT } from '@academy/privacy';
import { describe, expect, it } from 'vitest';
import { admin, CERTIFICATIONS, callAs, curpFor, eventually, learner, SUBMIT, submission, submit, TENANT_A, VERIFY, waitForStatus } from './certification-support';
import { dialects, useConocer } from './harness';

const FAST = { SAGA_SWEEP_INTERVAL_MS: '200', OUTBOX_POLL_INTERVAL_MS: '100', SUBMISSION_POLL_INTERVAL_MS: '200', CERTIFICATION_PROVIDER: 'open-badges' };

describe.each(dialects)('a learner’s cancellation in conocer on $name', ({ name, enabled }) => {
  describe.runIf(enabled)('', () => {
    const conocer = useConocer(name, { env: FAST });
    const table = (t: string) => (name === 'postgresql' ? `conocer.${t}` : t);
    const rows = (sql: string, params: unknown[] = []) => conocer.get().runtime.database.orm.em.getConnection().execute<Record<string, unknown>[]>(sql, params);
    const step = (type: string, learnerId: string, cancellationId: string) =>
      conocer.get().runtime.infrastructure.bus.publish(newEvent(type, TENANT_A, { cancellationId, learnerId, actor: 'admin-a', at: new Date().toISOString() }));

    it('blocks (hidden, nothing new), then deletes and keeps issued certificates anonymised', async () => {
      const learnerId = `erase-${randomUUID().slice(0, 8)}`;
      const curp = curpFor(7);
      const issued = await waitForStatus(conocer.get(), (await submit(conocer.get(), submission({ learnerId, curp }))).id, 'ISSUED');
      const cancellationId = randomUUID();

      await step(LEARNER_EVENT.cancellationBlocked, learnerId, cancellationId);
      // Setting the CURP is harmless to repeat: it shows when the block has arrived.
      const setCurp = 'mutation($curp: String!) { setCandidateCurp(curp: $curp) { maskedCurp } }';
      const refusal = await eventually(conocer.get(), async () => {
        const { body } = await callAs(conocer.get(), learner(learnerId), setCurp, { curp });
        return body.errors?.[0]?.extensions?.code === 'LEARNER_DATA_BLOCKED' ? body.errors[0] : null;
      });
      expect(refusal.extensions?.code).toBe('LEARNER_DATA_BLOCKED');
      const again = await callAs(conocer.get(), admin(), SUBMIT, { input: submission({ learnerId, curp, standardCode: 'EC0301' }) });
      expect(again.body.errors?.[0]?.extensions?.code).toBe('LEARNER_DATA_BLOCKED');
      const listed = await callAs<{ certifications: { nodes: unknown[] } }>(conocer.get(), admin(), CERTIFICATIONS, { filter: { learnerId } });
      expect(listed.body.data!.certifications.nodes).toEqual([]);

      await step(LEARNER_EVENT.deleted, learnerId, cancellationId);
      const [row] = await eventually(conocer.get(), async () => {
        const found = await rows(`select learner_id, curp_ciphertext, curp_index, masked_curp, credential, folio from ${table('certification')} where id = ?`, [issued.id]);
        return String(found[0]?.learner_id).startsWith('erased-') ? found : null;
      });
      expect(row).toMatchObject({ curp_ciphertext: '', curp_index: '', masked_curp: '', credential: null, folio: issued.folio });
      for (const t of ['learner_profile', 'notification', 'course_completion', 'certification']) {
        expect(Number((await rows(`select count(*) as n from ${table(t)} where learner_id = ?`, [learnerId]))[0]!.n), t).toBe(0);
      }
      // The folio still verifies (a public record); the CURP no longer finds anything.
      const byFolio = await callAs<{ verifyCertification: { valid: boolean } }>(conocer.get(), admin(), VERIFY, { folio: issued.folio });
      expect(byFolio.body.data!.verifyCertification.valid).toBe(true);
      const byCurp = await callAs<{ verifyCertification: { certificates: { source: string }[] } }>(conocer.get(), admin(), VERIFY, { curp });
      expect(byCurp.body.data!.verifyCertification.certificates.filter((c) => c.source !== 'PROVIDER')).toEqual([]);
      // Each step is audited through the outbox, once however often the event is delivered.
      await step(LEARNER_EVENT.deleted, learnerId, cancellationId);
      const audits = await rows(`select event from ${table('outbox_message')} where type = 'audit.recorded'`);
      type AuditEvent = { payload: { requestId: string; action: string; reason: string } };
      const mine = audits
        .map((a: Record<string, unknown>) => (typeof a.event === 'string' ? JSON.parse(a.event) : a.event) as AuditEvent)
        .filter((e: AuditEvent) => e.payload.requestId === cancellationId);
      expect(mine.map((e: AuditEvent) => e.payload.action).sort()).toEqual(['learner.cancellation.block', 'learner.cancellation.delete']);
      expect(mine.find((e: AuditEvent) => e.payload.action === 'learner.cancellation.delete')?.payload.reason).toMatch(/^conocer: learner deleted: .*certificationsAnonymised=1/);
    }, 60_000);
  });
});
