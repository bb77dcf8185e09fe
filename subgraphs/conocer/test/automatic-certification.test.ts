import { type DomainEvent, newEvent } from '@academy/event-bus';
import { describe, expect, it } from 'vitest';
import { admin, type CertificationNode, callAs, curpFor, ECE, eventually, learner, STANDARD, TENANT_A, waitForStatus } from './certification-support';
import { useConocer } from './harness';

const SET_PROGRAM = 'mutation ($input: CertificationProgramInput!) { setCertificationProgram(input: $input) { standardCode evaluationCenterId provider autoCertify } }';
const SET_CURP = 'mutation ($curp: String!, $learnerId: ID) { setCandidateCurp(curp: $curp, learnerId: $learnerId) { learnerId maskedCurp } }';
const OF_LEARNER = 'query ($id: ID!) { certifications(filter: { learnerId: $id }) { nodes { id status provider judgment evaluatedOn } } }';
const COMPLIANCE = `query ($course: SolarpunkCourseInput!) { validateSolarpunkCompliance(course: $course) {
  rubricVersion overallScore level compliant dimensions { dimension score criteria { id met evidence } }
  standardsAlignment { score standards { standardCode category score known } } findings { severity area criterionId message } } }`;

const completed = (learnerId: string, courseId: string, standardCode: string | null) =>
  newEvent('course.completed', TENANT_A, { learnerId, courseId, standardCode, completedAt: '2026-02-03T18:00:00-06:00' });

describe('automatic certification from course completions', () => {
  const conocer = useConocer('sqlite', { env: { SAGA_SWEEP_INTERVAL_MS: '200', OUTBOX_POLL_INTERVAL_MS: '100', SUBMISSION_POLL_INTERVAL_MS: '200' } });
  const ofLearner = async (id: string) => (await callAs<{ certifications: { nodes: CertificationNode[] } }>(conocer.get(), admin(), OF_LEARNER, { id })).body.data!.certifications.nodes;

  it('certifies a completion of a course mapped to a standard whose program auto-certifies, once, for learners with a CURP on file', async () => {
    const program = await callAs(conocer.get(), admin(), SET_PROGRAM, { input: { standardCode: 'ec0217.01', evaluationCenterId: 'ece-00001', provider: 'open-badges', autoCertify: true } });
    expect(program.body.data).toEqual({ setCertificationProgram: { standardCode: STANDARD, evaluationCenterId: ECE, provider: 'open-badges', autoCertify: true } });
    const curp = await callAs(conocer.get(), learner('lupe'), SET_CURP, { curp: curpFor(41).toLowerCase() });
    expect(curp.body.data).toEqual({ setCandidateCurp: { learnerId: 'lupe', maskedCurp: `${curpFor(41).slice(0, 4)}************${curpFor(41).slice(-2)}` } });

    const bus = conocer.get().runtime.infrastructure.bus;
    await bus.publish(completed('lupe', 'solar-101', STANDARD));
    // At-least-once delivery: the same completion again starts nothing new.
    await bus.publish(completed('lupe', 'solar-101', STANDARD));
    const [started] = await eventually(conocer.get(), async () => ((await ofLearner('lupe')).length ? ofLearner('lupe') : null));
    expect(started).toMatchObject({ provider: 'open-badges', judgment: 'COMPETENTE', evaluatedOn: '2026-02-03' });
    await waitForStatus(conocer.get(), started!.id, 'ISSUED');
    expect(await ofLearner('lupe')).toHaveLength(1);

    // No CURP on file, or a course mapped to no standard: the completion is kept, nothing is certified.
    await bus.publish(completed('mateo', 'solar-101', STANDARD));
    await bus.publish(completed('lupe', 'gardening', null));
    await bus.publish(completed('lupe', 'no-program', 'EC0076'));
    await conocer.get().runtime.certifications.drain();
    expect(await ofLearner('mateo')).toEqual([]);
    expect(await ofLearner('lupe')).toHaveLength(1);
  });

  it('records administrative mutations in the audit log (audit.recorded through the outbox), failures with their reason', async () => {
    const recorded: DomainEvent[] = [];
    const stop = await conocer.get().runtime.infrastructure.bus.broadcast(['audit.recorded'], async (event) => {
      recorded.push(event);
    });
    try {
      await callAs(conocer.get(), admin(), SET_PROGRAM, { input: { standardCode: 'EC0076', evaluationCenterId: ECE, autoCertify: false } });
      await callAs(conocer.get(), admin(), SET_PROGRAM, { input: { standardCode: 'EC9999', evaluationCenterId: ECE } });
      const entries = await eventually(conocer.get(), async () => (recorded.length >= 2 ? recorded.map((e) => e.payload) : null));
      expect(entries).toEqual([
        expect.objectContaining({ action: 'certification-program.set', target: 'certification-program/EC0076', outcome: 'success', actor: 'admin-a', tenantId: TENANT_A }),
        expect.objectContaining({ action: 'certification-program.set', target: 'certification-program/EC9999', outcome: 'failure', reason: expect.stringMatching(/^UNKNOWN_STANDARD: /) }),
      ]);
    } finally {
      await stop();
    }
  });

  it('refuses programs naming an unknown provider or an ECE not accredited for the standard, and learners setting another learner’s CURP', async () => {
    const unknownProvider = await callAs(conocer.get(), admin(), SET_PROGRAM, { input: { standardCode: STANDARD, evaluationCenterId: ECE, provider: 'moodle', autoCertify: true } });
    expect(unknownProvider.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.provider' });
    const unaccredited = await callAs(conocer.get(), admin(), SET_PROGRAM, { input: { standardCode: 'EC0004', evaluationCenterId: ECE, autoCertify: true } });
    expect(unaccredited.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNACCREDITED_EVALUATION_CENTER', reason: 'NOT_ACCREDITED' });
    expect((await callAs(conocer.get(), learner('lupe'), SET_PROGRAM, { input: { standardCode: STANDARD, evaluationCenterId: ECE } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await callAs(conocer.get(), learner('lupe'), SET_CURP, { curp: curpFor(42), learnerId: 'mateo' })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await callAs(conocer.get(), learner('lupe'), SET_CURP, { curp: 'BOXW310820HNERXN08' })).body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_CURP', reason: 'CHECK_DIGIT' });
  });
});

describe('validateSolarpunkCompliance over HTTP', () => {
  const conocer = useConocer('sqlite');

  it('reports four dimensions and the standards’ alignment from the catalog, with findings and suggestions', async () => {
    const { body } = await callAs<{ validateSolarpunkCompliance: Record<string, unknown> & { findings: { message: string }[]; standardsAlignment: unknown } }>(
      conocer.get(),
      admin(),
      COMPLIANCE,
      {
        course: {
          title: 'Taller de instalación de paneles solares',
          description: 'Práctica con la cooperativa del barrio: medimos el consumo de energía (kWh) antes y después.',
          standardCodes: ['EC0217.01'],
          practices: ['COMMUNITY_PROJECT'],
        },
      },
    );
    expect(body.errors).toBeUndefined();
    const report = body.data!.validateSolarpunkCompliance;
    expect(report).toMatchObject({ rubricVersion: '2026.1', compliant: false });
    expect(report.standardsAlignment).toEqual({ score: 75, standards: [{ standardCode: 'EC0217.01', category: 'TRAINING', score: 75, known: true }] });
    // No energy, environment or water standard: the finding proposes some from the catalog.
    expect(report.findings.some((finding) => /energy, environment or water.*For example: EC\d{4}/.test(finding.message))).toBe(true);
    const refused = await callAs(conocer.get(), admin(), COMPLIANCE, { course: { title: 'x', description: 'y', practices: ['BURNS_COAL'] } });
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
