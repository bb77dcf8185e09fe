import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createCostEstimator, loadCostModel, readCostDirectives } from '../src/cost';
import { APOLLO_BASE_SDL, APOLLO_SDL, committedSupergraph, composeCostSupergraph } from './cost-fixtures';

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  cost: number;
  /** `extensions.field` of the expected SLICING_ARGUMENT_REQUIRED errors. */
  errors?: string[];
}

const BOOK = 'title author { name } publisher { name address { zipCode } }';

// Expected costs are derived by hand in each comment; B = the BOOK selection on one Book
// = Book 1 + Author 1 + Publisher 1 + Address 5 = 8 (Address carries @cost(weight: 5)).
const apolloCases: Case[] = [
  { name: 'docs: book, default weights (with Address unweighted: 1+1+1+1)', query: `{ book(id: 1) { ${BOOK} } }`, cost: 4 },
  { name: 'docs: book with Address @cost(weight: 5): 1+1+1+5', query: `{ book(id: 1) { ${BOOK} } }`, cost: 8 },
  { name: 'docs: bestsellers @listSize(assumedSize: 5): 5 × B', query: `{ bestsellers { ${BOOK} } }`, cost: 40 },
  { name: 'docs: newestAdditions(limit: 3): 3 × B', query: `{ newestAdditions(limit: 3) { ${BOOK} } }`, cost: 24 },
  { name: 'docs: newestAdditions(limit: 7): 7 × B', query: `{ newestAdditions(limit: 7) { ${BOOK} } }`, cost: 56 },
  { name: 'slicing argument from a variable: 7 × B', query: `query($n: Int!) { newestAdditions(limit: $n) { ${BOOK} } }`, variables: { n: 7 }, cost: 56 },
  { name: 'slicing argument from a variable default: 2 × B', query: `query($n: Int! = 2) { newestAdditions(limit: $n) { ${BOOK} } }`, cost: 16 },
  { name: 'list without @listSize: default 10 × Book 1', query: '{ allBooks { title } }', cost: 10 },
  { name: 'requireOne: two slicing arguments given → error; largest 5 × 1', query: '{ page(first: 2, last: 5) { title } }', cost: 5, errors: ['Query.page'] },
  { name: 'requireOne: none given, no default → error; default 10 × 1', query: '{ page { title } }', cost: 10, errors: ['Query.page'] },
  { name: 'requireOne: exactly one given: 2 × 1', query: '{ page(last: 2) { title } }', cost: 2 },
  { name: 'requireOneSlicingArgument: false → largest of the two: 5 × 1', query: '{ window(first: 2, last: 5) { title } }', cost: 5 },
  { name: 'slicing argument absent → its schema default 4 (satisfies requireOne)', query: '{ recent { title } }', cost: 4 },
  // Apollo's exact rule counts slicing arguments that have a value, defaults included: first's default 4
  // plus the given last: 2 are two → error, and the larger (4) sizes the list.
  { name: 'requireOne counts a defaulted slicing argument next to a given one', query: '{ shelf(last: 2) { title } }', cost: 4, errors: ['Query.shelf'] },
  { name: 'requireOne: the defaulted one alone satisfies it', query: '{ shelf { title } }', cost: 4 },
  { name: 'slicing argument given overrides the default: 9 × 1', query: '{ recent(first: 9) { title } }', cost: 9 },
  { name: 'dotted path input.pagination.first literal: 3 × 1', query: '{ search(input: { text: "x", pagination: { first: 3 } }) { title } }', cost: 3 },
  { name: 'dotted path: input-field default Pagination.first = 6', query: '{ search(input: { pagination: {} }) { title } }', cost: 6 },
  { name: 'dotted path absent (no pagination object) → error; default 10', query: '{ search(input: { text: "x" }) { title } }', cost: 10, errors: ['Query.search'] },
  { name: 'dotted path through a variable: 8 × 1', query: 'query($in: SearchInput!) { search(input: $in) { title } }', variables: { in: { pagination: { first: 8 } } }, cost: 8 },
  { name: 'sizedFields: wrapper 1 + edges 4 × (edge 1 + node 1) + nodes 4 × 1', query: '{ bookConnection(first: 4) { edges { node { title } } nodes { title } totalCount } }', cost: 13 },
  { name: 'list-valued slicing argument sizes by its length: 3 × 1', query: '{ booksByIds(ids: ["a", "b", "c"]) { title } }', cost: 3 },
  // Per Media: Book 1; Movie 1 + director 1 + cast 3 × 1 = 5; Podcast 6 + host 1 = 7 → max 7; × 2.
  { name: 'interface: max over possible types, fragments only on their type', query: '{ media { id title ... on Movie { director { name } cast { name } } ... on Podcast { host { name } } } }', cost: 14 },
  // Book 1, Movie 1 + 1 + 3 = 5, Podcast 6 (nothing selected on it, its own weight) → 6.
  { name: 'interface through a named fragment on a concrete type', query: '{ featured { ...M } } fragment M on Movie { director { name } cast { name } }', cost: 6 },
  // Book 1 + author 1 = 2; Movie 1 + cast 3 = 4 → 4.
  { name: 'union: max over members', query: '{ result { ... on Book { author { name } } ... on Movie { cast { name } } } }', cost: 4 },
  { name: 'field @cost replaces the type weight: report 20 + rows 0', query: '{ report { rows } }', cost: 20 },
  // seed 3 + filter (input object 0) + genre 2 + tags 2 × 1 = 7 arguments; + 1 × Book 1.
  { name: 'argument and input-field @cost, lists per item', query: '{ recommendations(seed: "x", filter: { genre: FICTION, tags: ["a", "b"] }) { title } }', cost: 8 },
  // filter: genre 2 + nested { tags 1 × 1 } = 3; + 1 × Book 1.
  { name: 'weighted input object from a variable, recursively', query: 'query($f: BookFilter) { recommendations(filter: $f) { title } }', variables: { f: { genre: 'SCIENCE', nested: { tags: ['x'] } } }, cost: 4 },
  { name: 'enum @cost(weight: 2) in a list of assumedSize 3', query: '{ genres }', cost: 6 },
  { name: 'scalar @cost(weight: 7)', query: '{ rating }', cost: 7 },
  { name: 'scalar list: 10 × 0', query: '{ tags }', cost: 0 },
  { name: 'mutation base 10 + Book 1 (input objects cost nothing unweighted)', query: 'mutation { addBook(input: { title: "x" }) { title } }', cost: 11 },
  { name: 'subscription base 0 + Book 1', query: 'subscription { bookAdded { title } }', cost: 1 },
  { name: 'aliases count each selection: (1) + (1 + 1)', query: '{ a: book { title } b: book { author { name } } }', cost: 3 },
  { name: '@skip/@include literals remove their subtrees', query: '{ book { author @skip(if: true) { name } publisher @include(if: false) { name } title } }', cost: 1 },
  { name: '@skip/@include variables, both kept: 1 + 1 + 1', query: 'query($s: Boolean!, $i: Boolean!) { book { author @skip(if: $s) { name } publisher @include(if: $i) { name } } }', variables: { s: false, i: true }, cost: 3 },
  { name: '@skip/@include variables, both removed', query: 'query($s: Boolean!, $i: Boolean!) { book { author @skip(if: $s) { name } publisher @include(if: $i) { name } } }', variables: { s: true, i: false }, cost: 1 },
  { name: '@skip on an inline fragment', query: '{ book { ... @skip(if: true) { author { name } } } }', cost: 1 },
  { name: '__typename and introspection (__schema, __type) cost 0', query: '{ __typename book { __typename title } __schema { types { name } } __type(name: "Book") { name } }', cost: 1 },
  { name: 'named and inline fragments on the concrete type: 1 + 1 + 1', query: '{ book { ...BookParts ... on Book { publisher { name } } } } fragment BookParts on Book { author { name } }', cost: 3 },
  { name: 'operationName picks the operation: 5 × 1', query: 'query A { book { title } } query B { bestsellers { title } }', operationName: 'B', cost: 5 },
];

// Cost directives added to the committed subgraphs (see cost-fixtures): plans assumedSize 3; tenants,
// competencyStandards and progressEvents sliced by `first` with sizedFields edges/nodes; recentProgress
// sliced by `first` (default 5); competencySectors assumedSize 40; CompetencyStandard.committee 3;
// CompetencyStandardFilter.search 5; Tenant.progressSummary 5.
const supergraphCases: Case[] = [
  { name: 'plans: 3 × (Plan 1 + limits 1)', query: '{ plans { code name limits { maxDepth } } }', cost: 6 },
  { name: 'tenants without first: default 20 sizes nodes; wrapper 1 + 20 × 1', query: '{ tenants { nodes { id slug } totalCount } }', cost: 21 },
  // wrapper 1 + edges 5 × (edge 1 + node 1 + plan 1) + pageInfo 1.
  { name: 'tenants(first: 5) through edges', query: '{ tenants(first: 5) { edges { cursor node { id plan { code } } } pageInfo { hasNextPage } } }', cost: 17 },
  { name: 'tenants(first: $n) with n = 50: 1 + 50', query: 'query($n: Int!) { tenants(first: $n) { nodes { id } } }', variables: { n: 50 }, cost: 51 },
  { name: 'field @cost on committee: 1 + 3 × (1 + 3)', query: '{ competencyStandards(first: 3) { nodes { code title committee } } }', cost: 13 },
  { name: 'input-field @cost on filter.search: 5 + 1 + 2 × 1', query: '{ competencyStandards(first: 2, filter: { search: "soldadura", level: 2 }) { nodes { code } } }', cost: 8 },
  { name: 'competencySectors assumedSize 40 × 1', query: '{ competencySectors { name standardCount } }', cost: 40 },
  // tenant 1 + recentProgress 3 × (event 1 + standard 1): crosses tenancy → analytics → conocer.
  { name: 'entity fields across subgraphs', query: '{ tenant(slug: "acme") { id name recentProgress(first: 3) { id percent standard { code title } } } }', cost: 7 },
  { name: 'recentProgress default first = 5: 1 + 5 × 1', query: '{ tenant(slug: "acme") { recentProgress { id } } }', cost: 6 },
  { name: 'progressSummary @cost(weight: 5) replaces its type weight: 1 + 5', query: '{ tenant(id: "t1") { progressSummary { events learners } } }', cost: 6 },
  // wrapper 1 + edges 10 × (edge 1 + node 1 + standard 1) + pageInfo 1.
  { name: 'progressEvents(first: 10) through edges and an entity', query: '{ progressEvents(first: 10) { edges { node { id standard { code } } } pageInfo { endCursor } totalCount } }', cost: 32 },
  { name: 'mutation: 10 + Tenant 1 + Plan 1', query: 'mutation { createTenant(input: { slug: "acme", name: "Acme" }) { id plan { code } } }', cost: 12 },
  { name: 'mutation with an $input variable: 10 + 1 + 1', query: 'mutation($input: RecordProgressInput!) { recordProgress(input: $input) { id standard { title } } }', variables: { input: { learnerId: 'l', courseId: 'c', percent: 50 } }, cost: 12 },
  { name: '@skip drops a whole root field', query: '{ competencyStandard(code: "EC0217") { code title } tenants(first: 2) @skip(if: true) { nodes { id } } }', cost: 1 },
  { name: '@include variable true: plans 3 × 1', query: 'query($p: Boolean!) { plans @include(if: $p) { code } __typename }', variables: { p: true }, cost: 3 },
  { name: '@include variable false', query: 'query($p: Boolean!) { plans @include(if: $p) { code } __typename }', variables: { p: false }, cost: 0 },
  { name: 'nested named fragments: 1 + 2 × (Tenant 1 + Plan 1 + limits 1)', query: '{ tenants(first: 2) { nodes { ...T } } } fragment T on Tenant { id plan { ...P } } fragment P on Plan { limits { maxTokens } }', cost: 7 },
  { name: 'single entity with a weighted field: 1 + committee 3', query: '{ competencyStandard(code: "EC0217") { code title level sector committee } }', cost: 4 },
  { name: 'a connection without its lists: the wrapper only', query: '{ competencyStandards { totalCount } }', cost: 1 },
  { name: 'sizedFields sizes both edges and nodes: 1 + 5 × 1 + 5 × 1', query: '{ competencyStandards(first: 5) { edges { cursor } nodes { code } } }', cost: 11 },
  { name: 'weighted input field through a variable: search 5 + 1 + 1', query: 'query($f: CompetencyStandardFilter) { competencyStandards(first: 1, filter: $f) { nodes { code } } }', variables: { f: { search: 'x' } }, cost: 7 },
  { name: 'same operation, unweighted filter: 1 + 1', query: 'query($f: CompetencyStandardFilter) { competencyStandards(first: 1, filter: $f) { nodes { code } } }', variables: { f: { level: 3 } }, cost: 2 },
  { name: 'updateTenant mutation: 10 + 1', query: 'mutation { updateTenant(id: "t", input: { name: "x" }) { id name } }', cost: 11 },
  { name: 'progressEvents default first 20: 1 + 20 × 1', query: '{ progressEvents { nodes { id } } }', cost: 21 },
  { name: 'slicing variable with an operation default: 1 + 3 × 1', query: 'query($n: Int = 3) { tenant(slug: "a") { recentProgress(first: $n) { id } } }', cost: 4 },
  // 1 + 2 tenants × (Tenant 1 + 2 events × (event 1 + standard 1)).
  { name: 'nested slicing multiplies: 1 + 2 × (1 + 2 × 2)', query: '{ tenants(first: 2) { nodes { recentProgress(first: 2) { standard { code } } } } }', cost: 11 },
  { name: 'aliases of one field: (1 + 1) + (1 + 2)', query: '{ a: tenants(first: 1) { nodes { id } } b: tenants(first: 2) { nodes { id } } }', cost: 5 },
];

function run(estimate: ReturnType<typeof createCostEstimator>, c: Case) {
  const result = estimate.estimate(parse(c.query), c.variables, c.operationName);
  expect(result.cost, c.name).toBe(c.cost);
  expect((result.errors ?? []).map((e) => e.extensions.field)).toEqual(c.errors ?? []);
  for (const error of result.errors ?? []) expect(error.extensions.code).toBe('SLICING_ARGUMENT_REQUIRED');
}

describe('cost estimate: Apollo demand-control examples and every rule (hand-written schema)', () => {
  const withAddressCost = createCostEstimator(buildSchema(APOLLO_SDL), readCostDirectives(APOLLO_SDL));
  const base = createCostEstimator(buildSchema(APOLLO_BASE_SDL), readCostDirectives(APOLLO_BASE_SDL));
  it.each(apolloCases.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => run(i === 0 ? base : withAddressCost, c));
});

describe('cost estimate: the real subgraphs composed with @cost/@listSize', () => {
  const model = loadCostModel(composeCostSupergraph());
  const estimator = createCostEstimator(model.schema, model.directives);
  it.each(supergraphCases.map((c) => [c.name, c] as const))('%s', (_name, c) => run(estimator, c));
});

describe('cost estimate: the committed supergraph', () => {
  const model = loadCostModel(committedSupergraph());
  const estimator = createCostEstimator(model.schema, model.directives);

  it("uses the subgraphs' own @listSize annotations", () => {
    // plans: assumedSize 3 × Plan 1.
    expect(estimator.estimate(parse('{ plans { code } }')).cost).toBe(3);
    // tenants is a connection sized by first: wrapper 1 + nodes 5 × 1.
    expect(estimator.estimate(parse('{ tenants(first: 5) { nodes { id } } }')).cost).toBe(6);
  });

  it('costs against the API schema, where _entities does not exist', () => {
    expect(model.schema.getQueryType()?.getFields()._entities).toBeUndefined();
    expect(model.schema.getType('join__Graph')).toBeUndefined();
  });
});
