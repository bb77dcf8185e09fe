import { curpCheckDigit, validateCurp } from '@academy/renec';
import type { Principal } from '@academy/service-kit';
import type { GraphQLResponse } from '@academy/testing';
import { expect } from 'vitest';
import type { ConocerHarness } from './harness';

export const TENANT_A = '3f1c2a9e-0000-4000-8000-00000000000a';
export const TENANT_B = '3f1c2a9e-0000-4000-8000-00000000000b';
/** Accredited for EC0217.01 and EC0076 in the bundled registry; not for EC0004. */
export const ECE = 'ECE-00001';
export const STANDARD = 'EC0217.01';

/** Short intervals and a generous retry budget: faults are survived, never dead-lettered, in this suite. */
export const CONOCER_TEST_ENV = {
  CERTIFICATION_PROVIDER: 'conocer',
  SAGA_SWEEP_INTERVAL_MS: '200',
  OUTBOX_POLL_INTERVAL_MS: '100',
  SUBMISSION_POLL_INTERVAL_MS: '100',
  SUBMISSION_RETRY_DELAY_MS: '100',
  SUBMISSION_MAX_RETRY_DELAY_MS: '400',
  SUBMISSION_MAX_ATTEMPTS: '100',
  CONOCER_BREAKER_FAILURE_THRESHOLD: '3',
  CONOCER_BREAKER_HALF_OPEN_AFTER_MS: '300',
};

export const staff = (tenantId = TENANT_A): Partial<Principal> => ({ tenantId, subject: `evaluator-${tenantId.slice(-1)}`, roles: ['instructor'], authMethod: 'jwt' });
export const admin = (tenantId = TENANT_A): Partial<Principal> => ({ tenantId, subject: `admin-${tenantId.slice(-1)}`, roles: ['tenant_admin'], authMethod: 'jwt' });
export const learner = (learnerId: string, tenantId = TENANT_A): Partial<Principal> => ({ tenantId, subject: learnerId, roles: ['learner'], authMethod: 'jwt' });
export const platformAdmin: Partial<Principal> = { tenantId: null, subject: 'ops', roles: ['platform_admin'], authMethod: 'jwt' };
export const anonymous: Partial<Principal> = { tenantId: null, subject: null, roles: [], authMethod: 'anonymous' };

/** A valid CURP per index (distinct birth dates, check digit computed), born before 2000. */
export function curpFor(index: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + index * 86_400_000);
  const date = birth.toISOString().slice(2, 10).replace(/-/g, '');
  const first17 = `BOXW${date}${index % 2 ? 'M' : 'H'}NERXN0`;
  const curp = `${first17}${curpCheckDigit(first17)}`;
  if (!validateCurp(curp).valid) throw new Error(`generated an invalid CURP ${curp}`);
  return curp;
}

export const CERTIFICATION_FIELDS = `id learnerId standardCode judgment evaluatedOn evaluationCenterId maskedCurp status provider folio issuedAt
  reason { code message } credential submissionAttempts deadLetteredAt createdAt`;

export const SUBMIT = `mutation ($input: SubmitCertificationInput!) { submitCertification(input: $input) { ${CERTIFICATION_FIELDS} } }`;
export const CERTIFICATION = `query ($id: ID!) { certification(id: $id) { ${CERTIFICATION_FIELDS} saga { status steps { name status detail } failure { code message } } } }`;
export const CERTIFICATIONS = `query ($filter: CertificationFilter, $first: Int) { certifications(filter: $filter, first: $first) { totalCount nodes { ${CERTIFICATION_FIELDS} } } }`;
export const LEARNER_CERTIFICATIONS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Learner { id certifications(first: 10) { totalCount nodes { id status standardCode } } } } }`;
export const MY_NOTIFICATIONS = '{ myNotifications(first: 20) { totalCount nodes { id kind title body certificationId readAt } } }';
export const VERIFY = `query ($folio: String, $curp: String) { verifyCertification(folio: $folio, curp: $curp) { valid certificates { folio standardCode standardTitle maskedCurp issuedAt evaluationCenterId issuer source } } }`;

export interface CertificationNode {
  id: string;
  learnerId: string;
  status: 'PENDING' | 'SUBMITTED' | 'ISSUED' | 'REJECTED';
  folio: string | null;
  maskedCurp: string;
  reason: { code: string; message: string } | null;
  credential: string | null;
  submissionAttempts: number;
  deadLetteredAt: string | null;
  saga?: { status: string; steps: { name: string; status: string; detail: string | null }[]; failure: { code: string; message: string } | null };
}

export function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    learnerId: 'ana',
    curp: curpFor(1),
    standardCode: STANDARD,
    judgment: 'COMPETENTE',
    evaluatedOn: '2026-01-15',
    evaluationCenterId: ECE,
    assertCompletion: true,
    ...overrides,
  };
}

export async function callAs<TData = Record<string, unknown>>(
  conocer: ConocerHarness,
  principal: Partial<Principal>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<TData>> {
  return conocer.call<TData>(query, variables, { 'x-academy-context': await conocer.token('conocer', principal) });
}

export async function submit(conocer: ConocerHarness, input: Record<string, unknown>, principal = staff()): Promise<CertificationNode> {
  const { body } = await callAs<{ submitCertification: CertificationNode }>(conocer, principal, SUBMIT, { input });
  expect(body.errors).toBeUndefined();
  return body.data!.submitCertification;
}

/** Staff see the saga too; learners only the certification. */
export async function certificationById(conocer: ConocerHarness, id: string, principal = staff()): Promise<CertificationNode | null> {
  const query = principal.roles?.includes('learner') ? CERTIFICATION.replace(/ saga \{.*\} \} \} \}$/, ' } }') : CERTIFICATION;
  const { body } = await callAs<{ certification: CertificationNode | null }>(conocer, principal, query, { id });
  expect(body.errors).toBeUndefined();
  return body.data!.certification;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls (running the service's background rounds) until `check` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(conocer: ConocerHarness, check: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`not reached within ${timeoutMs} ms`);
    await conocer.runtime.certifications.drain();
    await sleep(25);
  }
}

export async function waitForStatus(conocer: ConocerHarness, id: string, status: CertificationNode['status'], timeoutMs?: number): Promise<CertificationNode> {
  return eventually(
    conocer,
    async () => {
      const found = await certificationById(conocer, id);
      return found?.status === status && found.saga?.status !== 'WAITING' && found.saga?.status !== 'RUNNING' && found.saga?.status !== 'COMPENSATING' ? found : null;
    },
    timeoutMs,
  );
}
