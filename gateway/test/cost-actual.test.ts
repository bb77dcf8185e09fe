import { buildSchema, parse } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { actualCost, createCostEstimator, loadCostModel, readCostDirectives } from '../src/cost';
import { CostWalker } from '../src/cost/cost-walker';
import { APOLLO_SDL, composeCostSupergraph } from './cost-fixtures';

const schema = buildSchema(APOLLO_SDL);
const directives = readCostDirectives(APOLLO_SDL);
const estimator = createCostEstimator(schema, directives);
const BOOK = 'title author { name } publisher { name address { zipCode } }';
const fullBook = { title: 't', author: { name: 'a' }, publisher: { name: 'p', address: { zipCode: 1 } } };

function both(query: string, data: Record<string, unknown>, variables?: Record<string, unknown>) {
  const document = parse(query);
  return { estimated: estimator.estimate(document, variables).cost, actual: actualCost(schema, directives, document, variables, data) };
}

describe('actual cost', () => {
  it('equals the estimate when every list has its assumed size', () => {
    expect(both(`{ bestsellers { ${BOOK} } }`, { bestsellers: Array(5).fill(fullBook) })).toEqual({ estimated: 40, actual: 40 });
  });

  it('counts the real list length; null objects count as none', () => {
    // Book 1 + 1 + 1 + 5 = 8, then Book 1 + author null 0 + publisher 1 + address null 0 = 2.
    const data = { bestsellers: [fullBook, { title: 't', author: null, publisher: { name: 'p', address: null } }] };
    expect(both(`{ bestsellers { ${BOOK} } }`, data)).toEqual({ estimated: 40, actual: 10 });
  });

  it('sizes connection children by what came back: 1 + 2 × (1 + 1) + 2 × 1', () => {
    const node = { title: 't' };
    const data = { bookConnection: { edges: [{ node }, { node }], nodes: [node, node], totalCount: 2 } };
    expect(both('{ bookConnection(first: 4) { edges { node { title } } nodes { title } totalCount } }', data)).toEqual({ estimated: 13, actual: 7 });
  });

  it('uses the __typename the response names for abstract types: Movie 1 + 1 + 2 × 1, Podcast 6', () => {
    const data = { media: [{ __typename: 'Movie', id: '1', director: { name: 'd' }, cast: [{ name: 'x' }, { name: 'y' }] }, { __typename: 'Podcast', id: '2', host: null }] };
    const query = '{ media { __typename id ... on Movie { director { name } cast { name } } ... on Podcast { host { name } } } }';
    expect(both(query, data)).toEqual({ estimated: 14, actual: 10 });
  });

  it('keeps argument costs and the mutation base, which do not depend on list sizes', () => {
    const data = { recommendations: [] };
    // arguments: seed 3 + genre 2 = 5; no books came back.
    expect(both('{ recommendations(seed: "x", filter: { genre: FICTION }) { title } }', data)).toEqual({ estimated: 6, actual: 5 });
    expect(both('mutation { addBook(input: { title: "x" }) { title } }', { addBook: { title: 'x' } })).toEqual({ estimated: 11, actual: 11 });
  });

  it('follows aliases, fragments and @skip like the estimate', () => {
    const query = 'query($s: Boolean!) { a: allBooks { ...F } b: allBooks @skip(if: $s) { title } } fragment F on Book { author { name } }';
    const data = { a: [{ author: { name: 'x' } }, { author: null }, { author: { name: 'y' } }] };
    // a: (1 + 1) + (1 + 0) + (1 + 1) = 5; b skipped.
    expect(both(query, data, { s: true })).toEqual({ estimated: 20, actual: 5 });
  });

  it('walks a response shared by deduplicated requests once, and recomputes for another operation or variables', () => {
    const walks = vi.spyOn(CostWalker.prototype, 'operation');
    try {
      const document = parse('query($s: Boolean!) { a: allBooks { title } b: allBooks @skip(if: $s) { title } }');
      const shared = { a: [{ title: 'x' }, { title: 'y' }], b: [{ title: 'z' }] };
      expect(actualCost(schema, directives, document, { s: false }, shared)).toBe(3);
      expect(actualCost(schema, directives, document, { s: false }, shared)).toBe(3);
      expect(walks).toHaveBeenCalledTimes(1);
      // Same data object, other variables or another document: computed again.
      expect(actualCost(schema, directives, document, { s: true }, shared)).toBe(2);
      expect(actualCost(schema, directives, parse('{ a: allBooks { title } }'), {}, shared)).toBe(2);
      expect(walks).toHaveBeenCalledTimes(3);
    } finally {
      walks.mockRestore();
    }
  });

  it('is 0 without data (the operation never ran)', () => {
    expect(actualCost(schema, directives, parse('{ allBooks { title } }'), {}, null)).toBe(0);
  });

  it('gives the refund for the real supergraph: estimate 51, 3 tenants came back', () => {
    const model = loadCostModel(composeCostSupergraph());
    const document = parse('query($n: Int!) { tenants(first: $n) { nodes { id } } }');
    const estimated = createCostEstimator(model.schema, model.directives).estimate(document, { n: 50 }).cost;
    const actual = actualCost(model.schema, model.directives, document, { n: 50 }, { tenants: { nodes: [{ id: '1' }, { id: '2' }, { id: '3' }] } });
    expect({ estimated, actual, refund: estimated - actual }).toEqual({ estimated: 51, actual: 4, refund: 47 });
  });
});
