/** RENAPO's CURP shape: initials, birth date, sex, state of birth, consonants, homonym digit, check digit. */
export const CURP_PATTERN =
  /^[A-Z][AEIOUX][A-Z]{2}\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[HM](AS|B[CS]|C[CLMSH]|D[FG]|G[TR]|HG|JC|M[CNS]|N[ETL]|OC|PL|Q[TR]|S[PLR]|T[CSL]|VZ|YN|ZS)[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d$/;

/** Ñ sits between N and O, so letters after N are worth one more than their place in A–Z. */
const CHECK_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

export type CurpValidation = { valid: true } | { valid: false; reason: 'FORMAT' | 'DATE' | 'CHECK_DIGIT' };

/** The check digit for the first 17 characters: weights 18..2, then (10 - sum mod 10) mod 10. */
export function curpCheckDigit(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHECK_ALPHABET.indexOf(first17[i]!) * (18 - i);
  return (10 - (sum % 10)) % 10;
}

/** The homonym character (17th) is a digit for births before 2000 and a letter from 2000 on. */
function birthDate(curp: string): { year: number; month: number; day: number } {
  const century = /\d/.test(curp[16]!) ? 1900 : 2000;
  return { year: century + Number(curp.slice(4, 6)), month: Number(curp.slice(6, 8)), day: Number(curp.slice(8, 10)) };
}

function isCalendarDate({ year, month, day }: { year: number; month: number; day: number }): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Strict: the input must already be the canonical uppercase form (see `normalizeCurp`), so a
 * stored CURP is always compared byte for byte.
 */
export function validateCurp(curp: string): CurpValidation {
  if (!CURP_PATTERN.test(curp)) return { valid: false, reason: 'FORMAT' };
  if (!isCalendarDate(birthDate(curp))) return { valid: false, reason: 'DATE' };
  if (curpCheckDigit(curp) !== Number(curp[17])) return { valid: false, reason: 'CHECK_DIGIT' };
  return { valid: true };
}

/** What a form field should pass to `validateCurp`: surrounding spaces removed, uppercase. */
export function normalizeCurp(input: string): string {
  return input.trim().toUpperCase();
}

/** For logs: a CURP encodes birth date, sex and state, so only the first 4 and last 2 characters stay. */
export function maskCurp(curp: string): string {
  if (curp.length <= 6) return '*'.repeat(curp.length);
  return `${curp.slice(0, 4)}${'*'.repeat(curp.length - 6)}${curp.slice(-2)}`;
}
