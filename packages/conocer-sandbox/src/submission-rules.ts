import { validateCurp } from '@academy/renec';
import type { Accreditations } from './accreditations';
import type { StandardsCatalog } from './catalog';

export const JUDGMENTS = ['COMPETENTE', 'TODAVIA_NO_COMPETENTE'] as const;
export type Judgment = (typeof JUDGMENTS)[number];

/** One evaluation result as an ECE/OC submits it. */
export interface SubmissionInput {
  idempotencyKey: string;
  curp: string;
  standardCode: string;
  judgment: Judgment;
  /** YYYY-MM-DD */
  evaluatedOn: string;
  evaluationCenterId: string;
}

/** Why an item was not received; the codes are part of the API contract (README, "CONOCER sandbox"). */
export const REJECTION_CODES = {
  INVALID_IDEMPOTENCY_KEY: 'The idempotency key is missing or not 1-128 characters of letters, digits, `.`, `_`, `:` or `-`.',
  IDEMPOTENCY_KEY_REUSED: 'The key was already used for a submission with different content; a key names one submission forever.',
  INVALID_CURP: 'The CURP is malformed, has an impossible birth date or a wrong check digit.',
  INVALID_JUDGMENT: 'The judgment is neither COMPETENTE nor TODAVIA_NO_COMPETENTE.',
  INVALID_EVALUATION_DATE: 'The evaluation date is not a real YYYY-MM-DD date, or lies in the future.',
  UNKNOWN_STANDARD: 'No competency standard has this code.',
  RETIRED_STANDARD: 'The standard was retired; no new certifications are issued for it.',
  UNKNOWN_EVALUATION_CENTER: 'No ECE/OC has this id.',
  UNACCREDITED_EVALUATION_CENTER: 'The ECE/OC is not accredited for this standard.',
} as const;
export type RejectionCode = keyof typeof REJECTION_CODES;

export interface Rejection {
  code: RejectionCode | 'NOT_COMPETENT';
  message: string;
}

const IDEMPOTENCY_KEY = /^[\w.:-]{1,128}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Dates are calendar dates in Mexico; a day of slack keeps a result evaluated "today" in UTC-6 valid. */
const FUTURE_SLACK_MS = 24 * 3600 * 1000;

const reject = (code: RejectionCode, detail?: string): Rejection => ({ code, message: detail ? `${REJECTION_CODES[code]} ${detail}` : REJECTION_CODES[code] });
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function idempotencyKeyOf(raw: unknown): string | null {
  const key = text((raw as { idempotencyKey?: unknown } | null)?.idempotencyKey);
  return key !== undefined && IDEMPOTENCY_KEY.test(key) ? key : null;
}

function isPastOrPresentDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return real && date.getTime() <= Date.now() + FUTURE_SLACK_MS;
}

/**
 * The checks CONOCER makes on a received item, first failure wins. The CURP is checked strictly
 * (canonical uppercase, as RENAPO issues it): the submitting system normalizes form input.
 */
export function checkSubmission(raw: unknown, catalog: StandardsCatalog, accreditations: Accreditations): SubmissionInput | Rejection {
  const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const idempotencyKey = idempotencyKeyOf(item);
  if (idempotencyKey === null) return reject('INVALID_IDEMPOTENCY_KEY');
  const curp = text(item.curp) ?? '';
  const curpCheck = validateCurp(curp);
  if (!curpCheck.valid) return reject('INVALID_CURP', `(${curpCheck.reason})`);
  const judgment = text(item.judgment);
  if (!JUDGMENTS.includes(judgment as Judgment)) return reject('INVALID_JUDGMENT');
  const evaluatedOn = text(item.evaluatedOn) ?? '';
  if (!isPastOrPresentDate(evaluatedOn)) return reject('INVALID_EVALUATION_DATE');
  const standardCode = text(item.standardCode) ?? '';
  const standard = catalog.get(standardCode);
  if (!standard) return reject('UNKNOWN_STANDARD');
  if (standard.retired) return reject('RETIRED_STANDARD');
  const evaluationCenterId = text(item.evaluationCenterId) ?? '';
  if (!accreditations.knows(evaluationCenterId)) return reject('UNKNOWN_EVALUATION_CENTER');
  if (!accreditations.isAccredited(evaluationCenterId, standardCode)) return reject('UNACCREDITED_EVALUATION_CENTER');
  return { idempotencyKey, curp, standardCode, judgment: judgment as Judgment, evaluatedOn, evaluationCenterId };
}

export function isRejection(value: SubmissionInput | Rejection): value is Rejection {
  return 'code' in value;
}

/** Same key, same content: a repeat. Same key, other content: a client bug that must not pass silently. */
export function sameSubmission(a: SubmissionInput, b: SubmissionInput): boolean {
  return (
    a.curp === b.curp && a.standardCode === b.standardCode && a.judgment === b.judgment && a.evaluatedOn === b.evaluatedOn && a.evaluationCenterId === b.evaluationCenterId
  );
}

export function keyReused(): Rejection {
  return reject('IDEMPOTENCY_KEY_REUSED');
}
