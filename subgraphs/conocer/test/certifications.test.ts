import type { DomainEvent } from '@academy/event-bus';
import { newEvent } from '@academy/event-bus';
import { describe, expect, it } from 'vitest';
import {
  admin,
  anonymous,
  CERTIFICATIONS,
  type CertificationNode,
  callAs,
  certificationById,
  curpFor,
  ECE,
  eventually,
  LEARNER_CERTIFICATIONS,
  learner,
  MY_NOTIFICATIONS,
  SUBMIT,
  STANDARD,
  staff,
  submission,
  submit,
  TENANT_A,
  TENANT_B,
  VERIFY,
  waitForStatus,
} from './certification-support';
import { dialects, useConocer } from './harness';

const FAST = { SAGA_SWEEP_INTERVAL_MS: '200', OUTBOX_POLL_INTERVAL_MS: '100', SUBMISSION_POLL_INTERVAL_MS: '200', SAGA_MAX_STEP_ATTEMPTS: '2' };

describe.each(dialects)('certifications on $name (Open Badges provider)', ({ name, enabled }) => {
  describe.runIf(enabled)('', () => {
    const conocer = useConocer(name, { env: { ...FAST, CERTIFICATION_PROVIDER: 'open-badges' } });
    const events: DomainEvent[] = [];
    const rowCounts = async () => {
      const em = conocer.get().runtime.database.orm.em.getConnection();
      const count = async (table: string, where = '') => Number((await em.execute(`select count(*) as n from ${name === 'postgresql' ? `conocer.${table}` : table} ${where}`))[0].n);
      return {
        certification: await count('certification'),
        saga: await count('certification_saga'),
        // The refusal itself is audited; nothing else may be queued.
        outbox: await count('outbox_message', "where type <> 'audit.recorded'"),
        audited: await count('outbox_message', "where type = 'audit.recorded'"),
      };
    };

    it('runs the whole saga: PENDING → SUBMITTED → ISSUED, profile, notification, events', async () => {
      const stop = await conocer.get().runtime.infrastructure.bus.broadcast(['certification.updated', 'notification.created'], async (event) => {
        events.push(event);
      });
      try {
        const created = await submit(conocer.get(), submission({ learnerId: 'ana', curp: curpFor(1) }));
        expect(created.maskedCurp).toBe(`${curpFor(1).slice(0, 4)}************${curpFor(1).slice(-2)}`);
        const issued = await waitForStatus(conocer.get(), created.id, 'ISSUED');
        expect(issued.folio).toBe(`urn:uuid:${created.id}`);
        expect(issued.credential).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
        expect(issued.saga).toMatchObject({ status: 'COMPLETED', failure: null });
        expect(issued.saga!.steps.map((s) => `${s.name}:${s.status}`)).toEqual([
          'validateCompletion:DONE',
          'generateCertificate:DONE',
          'submitToProvider:DONE',
          'updateLearnerProfile:DONE',
          'sendNotification:DONE',
        ]);
        const { body } = await callAs<{ myNotifications: { nodes: { kind: string; body: string; certificationId: string }[] } }>(conocer.get(), learner('ana'), MY_NOTIFICATIONS);
        expect(body.data!.myNotifications.nodes).toEqual([expect.objectContaining({ kind: 'CERTIFICATION_ISSUED', certificationId: created.id })]);
        expect(body.data!.myNotifications.nodes[0]!.body).toContain(issued.folio!);

        const updates = await eventually(conocer.get(), async () => {
          const mine = events.filter((e) => e.type === 'certification.updated' && (e.payload as { certificationId: string }).certificationId === created.id);
          return mine.length >= 3 && events.some((e) => e.type === 'notification.created') ? mine : null;
        });
        expect(updates.map((e) => (e.payload as { status: string }).status)).toEqual(['PENDING', 'SUBMITTED', 'ISSUED']);
        expect(updates[2]).toMatchObject({
          tenantId: TENANT_A,
          payload: { certificationId: created.id, learnerId: 'ana', standardCode: STANDARD, status: 'ISSUED', folio: issued.folio, reason: null, occurredAt: expect.any(String) },
        });
        expect(JSON.stringify(events)).not.toContain(curpFor(1));
      } finally {
        await stop();
      }
    });

    it.each([
      ['an invalid CURP (check digit)', { curp: 'BOXW310820HNERXN08' }, 'INVALID_CURP', { reason: 'CHECK_DIGIT' }],
      ['an invalid CURP (format)', { curp: 'NOT-A-CURP' }, 'INVALID_CURP', { reason: 'FORMAT' }],
      ['an unknown standard', { standardCode: 'EC9999' }, 'UNKNOWN_STANDARD', { standardCode: 'EC9999' }],
      ['a malformed standard', { standardCode: 'XYZ' }, 'UNKNOWN_STANDARD', {}],
      ['an ECE not accredited for the standard', { standardCode: 'EC0004' }, 'UNACCREDITED_EVALUATION_CENTER', { reason: 'NOT_ACCREDITED' }],
      ['an unknown ECE', { evaluationCenterId: 'ECE-99999' }, 'UNACCREDITED_EVALUATION_CENTER', { reason: 'UNKNOWN' }],
      ['no recorded completion and no assertion', { assertCompletion: false, learnerId: 'nobody' }, 'COURSE_NOT_COMPLETED', {}],
      ['an evaluation date in the future', { evaluatedOn: '2999-01-01' }, 'BAD_USER_INPUT', {}],
    ])('refuses %s with a clear error and writes nothing', async (_case, overrides, code, extensions) => {
      const before = await rowCounts();
      const { body } = await callAs(conocer.get(), staff(), SUBMIT, { input: submission({ learnerId: 'refused', ...overrides }) });
      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions).toMatchObject({ code, ...extensions });
      expect(JSON.stringify(body)).not.toContain(curpFor(1));
      expect(await rowCounts()).toEqual({ ...before, audited: before.audited + 1 });
    });

    it('lets only staff submit, and only staff assert a completion', async () => {
      const { body } = await callAs(conocer.get(), learner('ana'), SUBMIT, { input: submission({ learnerId: 'ana' }) });
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const partnerWithoutScope = { tenantId: TENANT_A, subject: 'key-1', roles: ['partner'], scopes: ['certifications:read'], authMethod: 'api_key' as const };
      expect((await callAs(conocer.get(), partnerWithoutScope, SUBMIT, { input: submission() })).body.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        requiredScope: 'certifications:write',
      });
    });

    it('accepts a course completion received from analytics instead of an assertion', async () => {
      await conocer.get().runtime.infrastructure.bus.publish(
        newEvent('course.completed', TENANT_A, { learnerId: 'bruno', courseId: 'course-1', standardCode: 'ec0217.01', completedAt: '2026-01-10T12:00:00Z' }),
      );
      const created = await eventually(conocer.get(), async () => {
        const { body } = await callAs<{ submitCertification: CertificationNode }>(conocer.get(), staff(), SUBMIT, {
          input: submission({ learnerId: 'bruno', curp: curpFor(2), assertCompletion: false }),
        });
        return body.data?.submitCertification;
      });
      expect((await waitForStatus(conocer.get(), created.id, 'ISSUED')).saga!.steps[0]).toMatchObject({ name: 'validateCompletion', status: 'DONE' });
    });

    it('refuses a second live certification of the same learner and standard, and answers a repeated clientRequestId with the first', async () => {
      const input = submission({ learnerId: 'carla', curp: curpFor(3), clientRequestId: 'req-carla-1' });
      const first = await submit(conocer.get(), input);
      expect((await submit(conocer.get(), input)).id).toBe(first.id);
      const { body } = await callAs(conocer.get(), staff(), SUBMIT, { input: { ...input, clientRequestId: 'req-carla-2' } });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'CERTIFICATION_ALREADY_EXISTS', certificationId: first.id });
    });

    it('compensates in reverse when the provider rejects: REJECTED with the reason, the learner told, the standard free again', async () => {
      const published: DomainEvent[] = [];
      const stop = await conocer.get().runtime.infrastructure.bus.broadcast(['certification.updated'], async (event) => {
        published.push(event);
      });
      const created = await submit(conocer.get(), submission({ learnerId: 'dora', curp: curpFor(4), judgment: 'TODAVIA_NO_COMPETENTE' }));
      const rejected = await waitForStatus(conocer.get(), created.id, 'REJECTED');
      const last = await eventually(conocer.get(), async () =>
        published.find((e) => (e.payload as { certificationId: string; status: string }).certificationId === created.id && (e.payload as { status: string }).status === 'REJECTED'),
      );
      await stop();
      // The payload analytics streams as `certificationUpdated`: the reason is one string, code first.
      expect((last.payload as { reason: string }).reason).toMatch(/^NOT_COMPETENT: /);
      expect(rejected.reason).toMatchObject({ code: 'NOT_COMPETENT' });
      expect(rejected.saga).toMatchObject({ status: 'COMPENSATED', failure: { code: 'NOT_COMPETENT' } });
      expect(rejected.saga!.steps.map((s) => `${s.name}:${s.status}`)).toEqual([
        'validateCompletion:DONE',
        'generateCertificate:COMPENSATED',
        'submitToProvider:FAILED',
        'updateLearnerProfile:PENDING',
        'sendNotification:PENDING',
      ]);
      const { body } = await callAs<{ myNotifications: { nodes: { kind: string }[] } }>(conocer.get(), learner('dora'), MY_NOTIFICATIONS);
      expect(body.data!.myNotifications.nodes.map((n) => n.kind)).toEqual(['CERTIFICATION_NOT_ISSUED']);
      const again = await submit(conocer.get(), submission({ learnerId: 'dora', curp: curpFor(4) }));
      expect((await waitForStatus(conocer.get(), again.id, 'ISSUED')).folio).toBeTruthy();
    });

    it('keeps tenants and learners apart', async () => {
      const created = await submit(conocer.get(), submission({ learnerId: 'eva', curp: curpFor(5) }));
      await waitForStatus(conocer.get(), created.id, 'ISSUED');
      expect(await certificationById(conocer.get(), created.id, staff(TENANT_B))).toBeNull();
      expect(await certificationById(conocer.get(), created.id, learner('someone-else'))).toBeNull();
      expect((await certificationById(conocer.get(), created.id, learner('eva')))?.id).toBe(created.id);
      const listB = await callAs<{ certifications: { totalCount: number } }>(conocer.get(), admin(TENANT_B), CERTIFICATIONS, {});
      expect(listB.body.data!.certifications.totalCount).toBe(0);
      const portfolio = async (principal: Parameters<typeof callAs>[1]) =>
        (await callAs<{ _entities: { certifications: { totalCount: number; nodes: { id: string }[] } }[] }>(conocer.get(), principal, LEARNER_CERTIFICATIONS, {
          r: [{ __typename: 'Learner', id: 'eva' }],
        })).body.data!._entities[0]!.certifications;
      expect((await portfolio(learner('eva'))).nodes.map((n) => n.id)).toContain(created.id);
      expect((await portfolio(staff(TENANT_B))).totalCount).toBe(0);
      expect((await portfolio(learner('other'))).totalCount).toBe(0);
    });

    it('verifies publicly by folio and by CURP, masking the CURP and naming no learner or tenant', async () => {
      const created = await submit(conocer.get(), submission({ learnerId: 'fer', curp: curpFor(6) }));
      const { folio } = await waitForStatus(conocer.get(), created.id, 'ISSUED');
      for (const variables of [{ folio }, { curp: curpFor(6).toLowerCase() }]) {
        const { body } = await callAs<{ verifyCertification: { valid: boolean; certificates: Record<string, unknown>[] } }>(conocer.get(), anonymous, VERIFY, variables);
        expect(body.errors).toBeUndefined();
        expect(body.data!.verifyCertification).toEqual({
          valid: true,
          certificates: [
            {
              folio,
              standardCode: STANDARD,
              standardTitle: expect.stringContaining('Impartición de cursos'),
              maskedCurp: `${curpFor(6).slice(0, 4)}************${curpFor(6).slice(-2)}`,
              issuedAt: expect.any(String),
              evaluationCenterId: ECE,
              issuer: 'Academy',
              source: 'PLATFORM',
            },
          ],
        });
        const text = JSON.stringify(body);
        for (const secret of [curpFor(6), 'fer', TENANT_A, created.id]) expect(text).not.toContain(secret === created.id ? `"${secret}"` : secret);
      }
      const none = await callAs<{ verifyCertification: { valid: boolean } }>(conocer.get(), anonymous, VERIFY, { curp: curpFor(999) });
      expect(none.body.data!.verifyCertification).toEqual({ valid: false, certificates: [] });
      expect((await callAs(conocer.get(), anonymous, VERIFY, {})).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await callAs(conocer.get(), anonymous, VERIFY, { curp: 'XX' })).body.errors?.[0]?.extensions?.code).toBe('INVALID_CURP');
    });
  });
});

describe('certificate verification rate limit', () => {
  const conocer = useConocer('sqlite', { env: { VERIFICATION_RATE_LIMIT_PER_MINUTE: '3' } });

  it('refuses a caller past the limit with RATE_LIMITED and a retry time, counting callers apart', async () => {
    const codes: unknown[] = [];
    for (let i = 0; i < 5; i++) codes.push((await callAs(conocer.get(), anonymous, VERIFY, { folio: `F-${i}` })).body.errors?.[0]?.extensions?.code ?? 'OK');
    // A window boundary may fall inside the loop; at least two calls of five are over a limit of three.
    expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(1);
    const { body } = await callAs(conocer.get(), anonymous, VERIFY, { folio: 'F-last' });
    if (body.errors) expect(body.errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', rateLimit: { requestRate: 3, remaining: 0, retryAfterMs: expect.any(Number) } });
    expect((await callAs(conocer.get(), learner('someone'), VERIFY, { folio: 'F-x' })).body.errors).toBeUndefined();
  });
});

