import { describe, expect, it } from 'vitest';
import { foldText, searchTextOf, searchWords } from './standard.search';

describe('standard search text', () => {
  it('folds accents, ñ and case', () => {
    expect(foldText('Atención al Cliente en Españól')).toBe('atencion al cliente en espanol');
  });

  it('indexes the folded title and the lowercase code', () => {
    expect(searchTextOf('Preparación de órganos', 'EC0217.01')).toBe('preparacion de organos ec0217.01');
  });

  it('splits a search into unique folded words without LIKE wildcards', () => {
    expect(searchWords('  Atención, ATENCION  100%_clientes EC0217.01. ')).toEqual(['atencion', '100', 'clientes', 'ec0217.01']);
    expect(searchWords('%%')).toEqual([]);
    expect(searchWords(undefined)).toEqual([]);
  });
});
