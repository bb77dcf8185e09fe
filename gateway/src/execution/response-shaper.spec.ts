import { buildSchema, operationFromDocument } from '@apollo/federation-internals';
// Apollo's own shaping, the reference this shaper must match (an internal module, used only here).
import { computeResponse } from '@apollo/gateway/dist/resultShaping';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compileResponseShaper } from './response-shaper';

const schema = buildSchema(`
  type Query { shelf: Shelf me: User! items: [Item] strict: [Item!]! node: Node }
  type Shelf { id: ID! rows: [[Int!]] labels: [String!]! owner: User }
  type User implements Node { id: ID! name: String! age: Int tags: [Tag!] }
  type Book implements Node { id: ID! title: String! }
  interface Node { id: ID! }
  union Item = User | Book
  enum Tag { NEW OLD }
`);

/** The shaped data and errors, as a client would receive them. */
function both(query: string, input: Record<string, unknown>, variables: Record<string, unknown> = {}) {
  const operation = operationFromDocument(schema, parse(query));
  const shaper = compileResponseShaper(operation)!;
  const summary = (r: { data?: unknown; errors: { message: string; path?: readonly unknown[]; extensions: Record<string, unknown> }[] }) =>
    JSON.parse(JSON.stringify({ data: r.data, errors: r.errors.map((e) => ({ message: e.message, path: e.path, code: e.extensions.code })) }));
  const ours = summary(shaper(structuredClone(input), variables));
  const theirs = summary(computeResponse({ operation, variables, input: structuredClone(input), introspectionHandling: () => null }));
  return { ours, theirs };
}

const cases: [string, string, Record<string, unknown>, Record<string, unknown>?][] = [
  ['drops what was fetched only for keys, keeps selection order', '{ shelf { labels id } }', { shelf: { id: 's', labels: ['a'], __typename: 'Shelf', extra: 1 } }],
  ['nested lists with nulls', '{ shelf { rows } }', { shelf: { rows: [[1, 2], null, [3]] } }],
  ['a null inside a list of non-null nulls the list', '{ shelf { rows } }', { shelf: { rows: [[1, null], [3]] } }],
  ['a null non-null root field nulls data', '{ me { id } }', { me: null }],
  ['a missing non-null field nulls up to the nullable parent', '{ shelf { id owner { id name } } }', { shelf: { id: 's', owner: { id: 'u' } } }],
  ['invalid leaves: a string for Int, an unknown enum value', '{ me { id age tags } }', { me: { id: 'u', age: 'x', tags: ['NEW', 'BAD'] } }],
  ['an unknown __typename', '{ node { id } }', { node: { __typename: 'Ghost', id: 'n' } }],
  ['fragments by __typename, and aliased __typename without it in the input', '{ items { kind: __typename ... on User { name } ... on Book { title } } }', { items: [{ __typename: 'User', name: 'A' }, { __typename: 'Book', title: 'B' }, null] }],
  ['a fragment on the parent type without __typename', '{ me { ... on Node { id } ... on User { name } } }', { me: { id: 'u', name: 'N' } }],
  ['a non-null element in a non-null list', '{ strict { ... on Book { id title } } }', { strict: [{ __typename: 'Book', id: 'b', title: null }] }],
  ['@skip/@include with variables and defaults', 'query Q($a: Boolean = true, $b: Boolean!) { me { id @include(if: $a) name @skip(if: $b) } }', { me: { id: 'u', name: 'N' } }, { b: true }],
  ['the same field selected twice merges', '{ me { id } me { name id } }', { me: { id: 'u', name: 'N' } }],
];

describe('compileResponseShaper (differential against @apollo/gateway computeResponse)', () => {
  it.each(cases)('%s', (_name, query, input, variables) => {
    const { ours, theirs } = both(query, input, variables);
    expect(ours).toEqual(theirs);
  });

  it('reports errors where Apollo does (the comparison is not blind)', () => {
    const { ours } = both('{ me { id age tags } }', { me: { id: 'u', age: 'x', tags: ['NEW', 'BAD'] } });
    expect(ours.errors).toEqual([
      { message: 'Invalid value found for field User.age.', path: ['me', 'age'], code: 'INVALID_GRAPHQL' },
      { message: 'Invalid value found for array element of type Tag at index 1.', path: ['me', 'tags', 1], code: 'INVALID_GRAPHQL' },
    ]);
    expect(ours.data).toEqual({ me: { id: 'u', age: null, tags: null } });
  });

  it('does not compile operations with introspection fields (Apollo executor answers those)', () => {
    expect(compileResponseShaper(operationFromDocument(schema, parse('{ __schema { queryType { name } } }')))).toBeUndefined();
  });
});
