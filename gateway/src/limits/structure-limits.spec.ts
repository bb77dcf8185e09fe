import { ERROR_CODES } from '@academy/service-kit';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkDocumentText, checkStructure, countTokens } from './structure-limits';

const codes = (query: string, limits: Parameters<typeof checkStructure>[1], operationName?: string) =>
  checkStructure(parse(query), limits, operationName).map((error) => [error.extensions.code, error.extensions.actual]);

describe('checkStructure', () => {
  it('measures depth with fragments expanded (a root field is depth 1)', () => {
    const query = '{ tenants { nodes { ...T } } } fragment T on Tenant { plan { limits { maxDepth } } }';
    expect(codes(query, { maxDepth: 5 })).toEqual([]);
    expect(codes(query, { maxDepth: 4 })).toEqual([['QUERY_TOO_DEEP', 5]]);
  });

  it('counts aliases where they land after expansion', () => {
    const query = '{ a: plans { ...P } b: plans { ...P } } fragment P on Plan { x: code y: name }';
    // a, b, and x, y twice = 6.
    expect(codes(query, { maxAliases: 6 })).toEqual([]);
    expect(codes(query, { maxAliases: 5 })).toEqual([['TOO_MANY_ALIASES', 6]]);
  });

  it('counts root fields through fragments, for the operation that runs', () => {
    const query = 'query A { plans { code } ...R } query B { plans { code } } fragment R on Query { tenants { totalCount } t: tenant(id: "1") { id } }';
    expect(codes(query, { maxRootFields: 2 }, 'A')).toEqual([['TOO_MANY_ROOT_FIELDS', 3]]);
    expect(codes(query, { maxRootFields: 2 }, 'B')).toEqual([]);
  });

  it('counts tokens with graphql’s lexer, comments excluded, and stops at the limit', () => {
    expect(countTokens('{ a }')).toBe(3);
    expect(countTokens('# note\n{ a(x: 1) }')).toBe(8); // { a ( x : 1 ) }
    expect(countTokens('{ a b c d e f g }', 2)).toBe(3);
    expect(codes('{ plans { code } }', { maxTokens: 6 })).toEqual([]);
    expect(codes('{ plans { code } }', { maxTokens: 5 })).toEqual([['TOO_MANY_TOKENS', 6]]);
  });

  it('measures document size in UTF-8 bytes', () => {
    const query = '{ tenant(slug: "año") { id } }'; // ñ is 2 bytes
    expect(codes(query, { maxDocumentBytes: query.length + 1 })).toEqual([]);
    expect(codes(query, { maxDocumentBytes: query.length })).toEqual([['DOCUMENT_TOO_LARGE', query.length + 1]]);
  });

  it('measures a fragment bomb without expanding it', () => {
    // F0 spreads F1 twice, F1 spreads F2 twice, …: 2^20 aliased leaves once expanded.
    const fragments = Array.from({ length: 20 }, (_, i) => `fragment F${i} on Q { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const document = parse(`{ ...F0 }\n${fragments}\nfragment F20 on Q { x: a }`);
    const [error] = checkStructure(document, { maxAliases: 1000, maxRootFields: 2_000_000 });
    expect(error?.extensions).toMatchObject({ code: 'TOO_MANY_ALIASES', actual: 2 ** 20 });
  });

  it('survives a fragment cycle in an unvalidated document', () => {
    expect(codes('{ ...A } fragment A on Q { a ...B } fragment B on Q { b { c } ...A }', { maxDepth: 1 })).toEqual([['QUERY_TOO_DEEP', 2]]);
  });

  it('reports every violation, each with its registered status', () => {
    const errors = checkStructure(parse('{ a: x { b: y { c: z } } }'), { maxDepth: 2, maxAliases: 2, maxRootFields: 0, maxTokens: 5, maxDocumentBytes: 10 });
    expect(errors.map((e) => e.extensions.code)).toEqual(['DOCUMENT_TOO_LARGE', 'TOO_MANY_TOKENS', 'QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_ROOT_FIELDS']);
    for (const error of errors) expect(error.extensions).toMatchObject({ http: { status: 400 }, limit: expect.any(Number) });
    expect(ERROR_CODES.DOCUMENT_TOO_LARGE.status).toBe(400);
  });

  it('measures a document once and answers every later limit and operation from it', () => {
    const document = parse('query A { plans { code } t: tenants { totalCount } } query B { plans { code } }');
    const check = (limits: Parameters<typeof checkStructure>[1], operationName?: string) =>
      checkStructure(document, limits, operationName).map((error) => [error.extensions.code, error.extensions.actual]);
    // A count capped at 2 is only known to exceed 2: a larger limit counts again, a smaller one need not.
    expect(check({ maxTokens: 2 })).toEqual([['TOO_MANY_TOKENS', 3]]);
    expect(check({ maxTokens: 100 })).toEqual([]);
    expect(check({ maxTokens: 15 })).toEqual([['TOO_MANY_TOKENS', 22]]); // the exact count, known since the last call
    expect(check({ maxRootFields: 1 }, 'A')).toEqual([['TOO_MANY_ROOT_FIELDS', 2]]);
    expect(check({ maxRootFields: 1, maxAliases: 0 }, 'B')).toEqual([]);
    expect(check({ maxAliases: 0 }, 'A')).toEqual([['TOO_MANY_ALIASES', 1]]);
    expect(check({ maxDepth: 1 }, 'Missing')).toEqual([]);
  });

  it('checks the text before parsing with the same refusals, lexing only what could exceed the limit', () => {
    const text = (source: string, limits: Parameters<typeof checkDocumentText>[1]) => checkDocumentText(source, limits).map((error) => [error.extensions.code, error.extensions.actual]);
    expect(text('{ a b c d e f g', { maxTokens: 3 })).toEqual([['TOO_MANY_TOKENS', 4]]); // unparseable: lexed, not parsed
    expect(text('{ a }', { maxTokens: 5, maxDocumentBytes: 5 })).toEqual([]);
    expect(text('{ año }', { maxDocumentBytes: 7 })).toEqual([['DOCUMENT_TOO_LARGE', 8]]);
    expect(text('# a long comment that is not a token\n{ a }', { maxTokens: 3 })).toEqual([]);
  });

  it('checks nothing without limits', () => {
    expect(codes('{ a { b { c { d } } } }', {})).toEqual([]);
  });
});
