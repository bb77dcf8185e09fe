import { describe, expect, it } from 'vitest';
import { curpCheckDigit, maskCurp, normalizeCurp, validateCurp } from './curp';

/** A CURP with the right check digit, so only the part under test is wrong. */
function withCheckDigit(first17: string): string {
  return `${first17}${curpCheckDigit(first17)}`;
}

describe('validateCurp', () => {
  it.each(['BOXW310820HNERXN09', 'BEML920313HMCLNS09', 'SABC560626MDFLRN01'])('accepts the README example %s', (curp) => {
    expect(validateCurp(curp)).toEqual({ valid: true });
  });

  it('rejects a wrong check digit', () => {
    expect(validateCurp('BOXW310820HNERXN08')).toEqual({ valid: false, reason: 'CHECK_DIGIT' });
  });

  it.each([
    ['lowercase', 'boxw310820hnerxn09'],
    ['a state code that does not exist', 'BOXW310820HXXRXN09'],
    ['a vowel where the second letter must be one', 'BBXW310820HNERXN09'],
    ['month 13', 'BOXW311320HNERXN09'],
    ['sex other than H/M', 'BOXW310820XNERXN09'],
    ['17 characters', 'BOXW310820HNERXN0'],
    ['19 characters', 'BOXW310820HNERXN090'],
    ['surrounding spaces', ' BOXW310820HNERXN09'],
    ['empty', ''],
  ])('rejects %s as FORMAT', (_case, curp) => {
    expect(validateCurp(curp)).toEqual({ valid: false, reason: 'FORMAT' });
  });

  it('rejects Feb 29 of a non-leap year as DATE', () => {
    expect(validateCurp(withCheckDigit('BOXW010229HNERXN0'))).toEqual({ valid: false, reason: 'DATE' });
  });

  it('reads the century from the 17th character: 1900 is not a leap year, 2000 is', () => {
    expect(validateCurp(withCheckDigit('BOXW000229HNERXN0'))).toEqual({ valid: false, reason: 'DATE' });
    expect(validateCurp(withCheckDigit('BOXW000229HNERXNA'))).toEqual({ valid: true });
  });

  it('rejects April 31 as DATE', () => {
    expect(validateCurp(withCheckDigit('BOXW310431HNERXN0'))).toEqual({ valid: false, reason: 'DATE' });
  });

  it('counts Ñ in the alphabet, so O is worth 25, not 24', () => {
    // 25 × 18 = 450 → 0; without Ñ it would be 24 × 18 = 432 → 8.
    expect(curpCheckDigit('O0000000000000000')).toBe(0);
  });
});

describe('normalizeCurp', () => {
  it('trims and uppercases form input so it validates', () => {
    expect(validateCurp(normalizeCurp('  boxw310820hnerxn09 '))).toEqual({ valid: true });
  });
});

describe('maskCurp', () => {
  it('keeps the first 4 and last 2 characters only', () => {
    expect(maskCurp('BOXW310820HNERXN09')).toBe('BOXW************09');
  });

  it('masks short input entirely', () => {
    expect(maskCurp('ABC')).toBe('***');
  });
});
