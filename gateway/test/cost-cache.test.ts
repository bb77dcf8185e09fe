import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createCostEstimator, readCostDirectives } from '../src/cost';
import { CostIndex } from '../src/cost/cost-index';
import { costVariables } from '../src/cost/cost-variables';
import { APOLLO_SDL } from './cost-fixtures';

const schema = buildSchema(APOLLO_SDL);
const directives = readCostDirectives(APOLLO_SDL);
const QUERY = 'query($id: ID, $n: Int!, $s: Boolean!, $f: BookFilter, $q: String) { book(id: $id) @skip(if: $s) { title } newestAdditions(limit: $n, after: $id) { title } recommendations(filter: $f) { title } search(input: { text: $q }) { title } }';

describe('estimate cache', () => {
  it('keys on slicing, @skip/@include and weighted-argument variables only', () => {
    const operation = parse(QUERY).definitions[0];
    if (operation.kind !== 'OperationDefinition') throw new Error('expected an operation');
    expect(costVariables(new CostIndex(schema, directives), operation, new Map())).toEqual(['f', 'n', 's']);
  });

  it('shares an entry between requests that differ only in other variables', () => {
    const estimator = createCostEstimator(schema, directives);
    const document = parse(QUERY);
    const first = estimator.estimate(document, { id: '1', n: 3, s: false, q: 'a' });
    expect(estimator.estimate(document, { id: '2', n: 3, s: false, q: 'b' })).toEqual(first);
    expect(estimator.stats()).toEqual({ hits: 1, misses: 1, entries: 1 });
    const more = estimator.estimate(document, { id: '1', n: 4, s: false, q: 'a' });
    expect(more.cost - first.cost).toBe(1);
    expect(estimator.estimate(document, { id: '1', n: 3, s: true }).cost).toBe(first.cost - 1);
    expect(estimator.stats()).toEqual({ hits: 1, misses: 3, entries: 3 });
  });

  it('builds fresh error objects for every request, even from the cache', () => {
    const estimator = createCostEstimator(schema, directives);
    const [a, b] = [estimator.estimate(parse('{ page { title } }')), estimator.estimate(parse('{ page { title } }'))];
    expect(estimator.stats().hits).toBe(1);
    expect(a.errors?.[0]).not.toBe(b.errors?.[0]);
    expect(a.errors?.[0]?.message).toBe("Exactly one slicing argument ('first', 'last') is required for field 'Query.page', but found 0.");
  });

  it('tells an absent variable (its default applies) from an explicit null', () => {
    const estimator = createCostEstimator(schema, directives);
    const document = parse('query($n: Int = 2) { recent(first: $n) { title } }');
    expect(estimator.estimate(document, {}).cost).toBe(2);
    // Explicit null: the argument default (4) applies instead of the variable default.
    expect(estimator.estimate(document, { n: null }).cost).toBe(4);
  });

  it('finds the same entry for a re-parsed document (keyed by its text) or a given document key', () => {
    const estimator = createCostEstimator(schema, directives);
    estimator.estimate(parse('{ allBooks { title } }'));
    estimator.estimate(parse('{ allBooks { title } }'));
    estimator.estimate(parse('{ bestsellers { title } }'), undefined, undefined, 'sha-1');
    estimator.estimate(parse('{ bestsellers { title } }'), undefined, undefined, 'sha-1');
    expect(estimator.stats()).toEqual({ hits: 2, misses: 2, entries: 2 });
  });

  it('keeps one entry per operation name', () => {
    const estimator = createCostEstimator(schema, directives);
    const document = parse('query A { book { title } } query B { bestsellers { title } }');
    expect([estimator.estimate(document, {}, 'A').cost, estimator.estimate(document, {}, 'B').cost]).toEqual([1, 5]);
  });

  it('is bounded: the least recently used entry goes first', () => {
    const estimator = createCostEstimator(schema, directives, { cacheSize: 2 });
    const [a, b, c] = ['{ book { title } }', '{ allBooks { title } }', '{ bestsellers { title } }'].map((q) => parse(q));
    estimator.estimate(a!);
    estimator.estimate(b!);
    estimator.estimate(a!); // hit: a is now the most recent
    estimator.estimate(c!); // evicts b
    estimator.estimate(a!); // hit
    expect(estimator.stats()).toEqual({ hits: 2, misses: 3, entries: 2 });
    estimator.estimate(b!); // miss again
    expect(estimator.stats()).toMatchObject({ hits: 2, misses: 4 });
  });

  it('uses the configured default list size', () => {
    const estimator = createCostEstimator(schema, directives, { defaultListSize: 100 });
    expect(estimator.estimate(parse('{ allBooks { title } }')).cost).toBe(100);
    expect(() => createCostEstimator(schema, directives, { defaultListSize: -1 })).toThrow(RangeError);
  });
});
