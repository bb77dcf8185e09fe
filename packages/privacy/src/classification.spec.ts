import { describe, expect, it } from 'vitest';
import { categoryOf, maskIdentifier, personalLogPaths } from './classification';

describe('personal data classification', () => {
  it('classifies identifying numbers, contacts and names, and nothing else', () => {
    expect(categoryOf('curp')).toBe('identifier');
    expect(categoryOf('email')).toBe('contact');
    expect(categoryOf('displayName')).toBe('name');
    expect(categoryOf('standardCode')).toBeNull();
    expect(categoryOf('toString')).toBeNull();
    expect(personalLogPaths()).toEqual(expect.arrayContaining(['curp', '*.curp', 'email', '*.email']));
  });

  it('masks an identifier to its first 4 and last 2 characters', () => {
    expect(maskIdentifier('BOXW310820HNERXN09')).toBe('BOXW************09');
    expect(maskIdentifier('short')).toBe('*****');
  });
});
