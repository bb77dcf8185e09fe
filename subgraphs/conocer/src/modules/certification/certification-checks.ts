import { isEcCode, normalizeCurp, validateCurp } from '@academy/renec';
import { AppError } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import { CompetencyStandardEntity } from '../standard';
import { accreditationOf, normalizeCenterId } from './evaluation-centers';

/**
 * The checks every way into the certification saga runs before writing anything. Each throws the
 * registered error a client can act on; none echoes a full CURP back.
 */
export function requireValidCurp(input: string, argument = 'input.curp'): string {
  const curp = normalizeCurp(input);
  const result = validateCurp(curp);
  if (!result.valid) {
    const why = { FORMAT: 'does not have the CURP format', DATE: 'has a birth date that does not exist', CHECK_DIGIT: 'has a wrong check digit' }[result.reason];
    throw new AppError('INVALID_CURP', `The CURP ${why}`, { reason: result.reason, argument });
  }
  return curp;
}

/** The standard in the catalog and not retired; returns it with its title. */
export async function requireCertifiableStandard(em: EntityManager, input: string): Promise<CompetencyStandardEntity> {
  const code = input.trim().toUpperCase();
  const standard = isEcCode(code) ? await em.findOne(CompetencyStandardEntity, { code }) : null;
  if (!standard || standard.retired) {
    const why = !isEcCode(code) ? 'is not a RENEC code (EC + 4 digits, optionally .NN)' : standard?.retired ? 'is retired' : 'is not in the RENEC catalog';
    throw new AppError('UNKNOWN_STANDARD', `The competency standard ${code} ${why}`, { standardCode: code, argument: 'input.standardCode' });
  }
  return standard;
}

export function requireAccreditedCenter(input: string, standardCode: string): string {
  const centerId = normalizeCenterId(input);
  const accreditation = accreditationOf(centerId, standardCode);
  if (accreditation === 'UNKNOWN') {
    throw new AppError('UNACCREDITED_EVALUATION_CENTER', `${centerId} is not an ECE/OC of the RENEC registry`, { reason: 'UNKNOWN', argument: 'input.evaluationCenterId' });
  }
  if (accreditation === 'NOT_ACCREDITED') {
    throw new AppError('UNACCREDITED_EVALUATION_CENTER', `${centerId} is not accredited for ${standardCode}`, {
      reason: 'NOT_ACCREDITED',
      argument: 'input.evaluationCenterId',
    });
  }
  return centerId;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date, not in the future (in Mexico City, a day behind UTC at most). */
export function requireEvaluationDate(input: string, now = new Date()): string {
  const match = ISO_DATE.exec(input.trim());
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !date || date.toISOString().slice(0, 10) !== match[0]) {
    throw new AppError('BAD_USER_INPUT', 'evaluatedOn must be a date YYYY-MM-DD', { argument: 'input.evaluatedOn' });
  }
  if (date.getTime() > now.getTime() + 86_400_000) throw new AppError('BAD_USER_INPUT', 'evaluatedOn is in the future', { argument: 'input.evaluatedOn' });
  if (date.getUTCFullYear() < 1995) throw new AppError('BAD_USER_INPUT', 'evaluatedOn is before CONOCER existed', { argument: 'input.evaluatedOn' });
  return match[0];
}
