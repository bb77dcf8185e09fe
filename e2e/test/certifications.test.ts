import type { EmbeddedSystem } from '@academy/embedded';
import { curpCheckDigit } from '@academy/renec';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LearnerTimelineDocument, type LearnerTimelineQuery } from '../src/generated/graphql';
import { bearer, eventually, gql, hsToken, startAuthSystem } from './support/auth-system';
import { subscribeWs } from './support/subscription-clients';

const SUBMIT = `mutation ($input: SubmitCertificationInput!) { submitCertification(input: $input) { id status maskedCurp } }`;
const PORTFOLIO = `query ($id: ID!) { learner(id: $id) { displayName certifications(first: 5) { nodes { id status folio standard { code title } } } } }`;
const VERIFY = `query ($folio: String) { verifyCertification(folio: $folio) { valid certificates { folio standardCode maskedCurp issuer source } } }`;
const UPDATES = `subscription { certificationUpdated { certificationId status folio learnerId standard { code } } }`;

const first17 = 'LOTA900215MDFPRN0';
const CURP = `${first17}${curpCheckDigit(first17)}`;

let system: EmbeddedSystem;

beforeAll(async () => {
  // Short polling intervals so the sandbox's asynchronous issuance is seen quickly.
  system = await startAuthSystem({ SUBMISSION_POLL_INTERVAL_MS: '200', OUTBOX_POLL_INTERVAL_MS: '200', SAGA_SWEEP_INTERVAL_MS: '500' });
});

afterAll(() => system?.close());

describe('certifications through the gateway', () => {
  it('certifies a demo learner through CONOCER: the updates stream, the portfolio in tenancy’s learner, public verification, the learner’s timeline', { timeout: 60_000 }, async () => {
    const instructor = { ...bearer(await hsToken({ tenant: 'acme', roles: ['instructor'], sub: 'evaluator-1' })), 'x-tenant-id': 'acme' };
    const updates = subscribeWs(system.gateway.graphqlUrl, UPDATES, {}, instructor);
    try {
      const submitted = await gql<{ submitCertification: { id: string; status: string; maskedCurp: string } }>(
        system,
        SUBMIT,
        { input: { learnerId: 'ana.lopez', curp: CURP, standardCode: 'EC0217.01', judgment: 'COMPETENTE', evaluatedOn: '2026-01-20', evaluationCenterId: 'ECE-00001', assertCompletion: true } },
        instructor,
      );
      expect(submitted.body.errors).toBeUndefined();
      const { id, maskedCurp } = submitted.body.data!.submitCertification;
      expect(maskedCurp).toBe(`${CURP.slice(0, 4)}************${CURP.slice(-2)}`);

      const portfolio = await eventually(async () => {
        const { body } = await gql<{ learner: { displayName: string; certifications: { nodes: { id: string; status: string; folio: string | null; standard: { code: string; title: string } }[] } } }>(
          system,
          PORTFOLIO,
          { id: 'ana.lopez' },
          instructor,
        );
        expect(body.errors).toBeUndefined();
        const issued = body.data!.learner.certifications.nodes.find((n) => n.id === id && n.status === 'ISSUED');
        return issued ? body.data!.learner : undefined;
      }, 45_000);
      expect(portfolio.displayName).toBe('Ana López');
      const [certificate] = portfolio.certifications.nodes;
      expect(certificate).toMatchObject({ id, folio: expect.stringMatching(/^CNC-/), standard: { code: 'EC0217.01', title: expect.stringContaining('Impartición') } });

      // The subscription may have opened after PENDING went by; ISSUED, with its folio, comes through.
      const issued = await eventually(async () =>
        updates.results.map((r) => r.data?.certificationUpdated as { certificationId: string; status: string; folio: string | null } | undefined).find((u) => u?.certificationId === id && u.status === 'ISSUED'),
      );
      expect(issued).toMatchObject({ folio: certificate!.folio, learnerId: 'ana.lopez', standard: { code: 'EC0217.01' } });

      const verified = await gql<{ verifyCertification: { valid: boolean; certificates: Record<string, unknown>[] } }>(system, VERIFY, { folio: certificate!.folio }, { 'x-tenant-id': 'acme' });
      expect(verified.body.errors).toBeUndefined();
      expect(verified.body.data!.verifyCertification).toEqual({
        valid: true,
        certificates: [{ folio: certificate!.folio, standardCode: 'EC0217.01', maskedCurp, issuer: 'CONOCER', source: 'PLATFORM' }],
      });
      expect(JSON.stringify(verified.body)).not.toContain(CURP);

      // analytics stored each status change from conocer's events: the learner sees the milestones in their timeline.
      const learner = { ...bearer(await hsToken({ tenant: 'acme', roles: ['learner'], sub: 'ana.lopez' })), 'x-tenant-id': 'acme' };
      const timeline = await eventually(async () => {
        const { body } = await gql<LearnerTimelineQuery>(system, print(LearnerTimelineDocument), { learnerId: 'ana.lopez', first: 50 }, learner);
        expect(body.errors).toBeUndefined();
        const entries = body.data!.learnerProgress.timeline;
        return entries.some((e) => e.certificationId === id && e.certificationStatus === 'ISSUED') ? entries : undefined;
      }, 10_000);
      const milestones = timeline.filter((e) => e.certificationId === id);
      // Newest first, as conocer moved it: PENDING → SUBMITTED → ISSUED.
      expect(milestones.map((e) => [e.kind, e.certificationStatus])).toEqual([
        ['CERTIFICATION', 'ISSUED'],
        ['CERTIFICATION', 'SUBMITTED'],
        ['CERTIFICATION', 'PENDING'],
      ]);
      expect(milestones[0]).toMatchObject({ folio: certificate!.folio, standardCode: 'EC0217.01', courseId: null, percent: null });
      const times = timeline.map((e) => Date.parse(e.occurredAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      // The demo learner's progress is in the same timeline.
      expect(timeline.some((e) => e.kind === 'PROGRESS')).toBe(true);
      // Another learner may not read it.
      const other = { ...bearer(await hsToken({ tenant: 'acme', roles: ['learner'], sub: 'luis.garcia' })), 'x-tenant-id': 'acme' };
      const refused = await gql(system, print(LearnerTimelineDocument), { learnerId: 'ana.lopez' }, other);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await updates.close();
    }
  });
});
