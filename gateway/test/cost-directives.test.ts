import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readCostDirectives } from '../src/cost';
import { APOLLO_SDL, committedSupergraph, composeCostSupergraph } from './cost-fixtures';

// Two subgraphs that import the directives under other names: composition keeps the rename in the
// supergraph's `@link(url: "https://specs.apollo.dev/cost/v0.1", import: [...])`.
const renamed = (extra: string) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", { name: "@cost", as: "@weight" }, { name: "@listSize", as: "@size" }])
type Query { ${extra} }
type Item @key(fields: "id") @weight(weight: 4) { id: ID! }
`;

describe('readCostDirectives', () => {
  it('reads what composition 2.14.4 writes into the supergraph, with renamed imports', () => {
    const { supergraphSdl, errors } = composeServices([
      { name: 'a', url: 'http://a', typeDefs: parse(renamed('items(first: Int, last: Int): [Item] @size(slicingArguments: ["first", "last"], requireOneSlicingArgument: false) @weight(weight: 3)')) },
      { name: 'b', url: 'http://b', typeDefs: parse(renamed('search(q: String @weight(weight: 2), filter: Filter): [Item] @size(assumedSize: 7)\n}\ninput Filter { text: String @weight(weight: 9) }\nenum Kind @weight(weight: 2) { A }\ntype Unused { k: Kind')) },
    ]);
    expect(errors).toBeUndefined();
    expect(supergraphSdl).toContain('@link(url: "https://specs.apollo.dev/cost/v0.1", import: [{name: "@cost", as: "@weight"}, {name: "@listSize", as: "@size"}])');
    const directives = readCostDirectives(supergraphSdl!);
    expect(Object.fromEntries(directives.types)).toEqual({ Item: 4, Kind: 2 });
    expect(directives.fields.get('Query.items')).toEqual({
      weight: 3,
      listSize: { assumedSize: undefined, slicingArguments: ['first', 'last'], sizedFields: undefined, requireOneSlicingArgument: false },
    });
    expect(directives.fields.get('Query.search')?.listSize).toMatchObject({ assumedSize: 7, requireOneSlicingArgument: true });
    expect(Object.fromEntries(directives.arguments)).toEqual({ 'Query.search(q)': 2 });
    expect(Object.fromEntries(directives.inputFields)).toEqual({ 'Filter.text': 9 });
  });

  it('reads the directives added to the real subgraphs after composition', () => {
    const directives = readCostDirectives(composeCostSupergraph());
    expect(directives.fields.get('Query.tenants')?.listSize).toEqual({
      assumedSize: undefined,
      slicingArguments: ['first'],
      sizedFields: ['edges', 'nodes'],
      requireOneSlicingArgument: true,
    });
    expect(directives.fields.get('Tenant.progressSummary')).toEqual({ weight: 5 });
    expect(directives.fields.get('CompetencyStandard.committee')).toEqual({ weight: 3 });
    expect(directives.inputFields.get('CompetencyStandardFilter.search')).toBe(5);
  });

  it('reads a plain SDL that declares the directives itself', () => {
    const directives = readCostDirectives(APOLLO_SDL);
    expect(directives.types.get('Address')).toBe(5);
    expect(directives.types.get('Rating')).toBe(7);
    expect(directives.arguments.get('Query.recommendations(seed)')).toBe(3);
    expect(directives.fields.get('Query.bestsellers')?.listSize?.assumedSize).toBe(5);
  });

  it("reads the subgraphs' own annotations from the committed supergraph", () => {
    const directives = readCostDirectives(committedSupergraph());
    expect(directives.fields.get('Query.competencyStandards')?.listSize).toMatchObject({ slicingArguments: ['first'], sizedFields: ['edges', 'nodes'] });
    expect(directives.fields.get('Query.plans')?.listSize?.assumedSize).toBe(3);
  });
});
