import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export const SCHEMA_DIR = join(__dirname, '..', '..', 'schema');
export const committedSupergraph = (): string => readFileSync(join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');

/**
 * Apollo's demand-control examples (Book/Author/Publisher/Address, bestsellers, newestAdditions) plus
 * one field or type per remaining rule. `Address @cost(weight: 5)` is the docs' second example; the
 * first (cost 4) uses APOLLO_BASE_SDL, the same schema without it.
 */
export const APOLLO_SDL = /* GraphQL */ `
directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION

type Query {
  book(id: ID): Book
  bestsellers: [Book] @listSize(assumedSize: 5)
  newestAdditions(after: ID, limit: Int!): [Book] @listSize(slicingArguments: ["limit"])
  allBooks: [Book]
  page(first: Int, last: Int): [Book] @listSize(slicingArguments: ["first", "last"])
  window(first: Int, last: Int): [Book] @listSize(slicingArguments: ["first", "last"], requireOneSlicingArgument: false)
  recent(first: Int = 4): [Book] @listSize(slicingArguments: ["first"])
  shelf(first: Int = 4, last: Int): [Book] @listSize(slicingArguments: ["first", "last"])
  search(input: SearchInput!): [Book] @listSize(slicingArguments: ["input.pagination.first"])
  bookConnection(first: Int!): BookConnection @listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])
  booksByIds(ids: [ID!]!): [Book] @listSize(slicingArguments: ["ids"])
  media: [Media] @listSize(assumedSize: 2)
  featured: Media
  result: SearchResult
  report: Report @cost(weight: 20)
  recommendations(seed: String @cost(weight: 3), filter: BookFilter): [Book] @listSize(assumedSize: 1)
  genres: [Genre] @listSize(assumedSize: 3)
  rating: Rating
  tags: [String]
}

type Mutation {
  addBook(input: BookInput!): Book
}

type Subscription {
  bookAdded: Book
}

interface Media {
  id: ID!
  title: String
}

type Book implements Media {
  id: ID!
  title: String
  author: Author
  publisher: Publisher
}

type Movie implements Media {
  id: ID!
  title: String
  director: Author
  cast: [Author] @listSize(assumedSize: 3)
}

type Podcast implements Media @cost(weight: 6) {
  id: ID!
  title: String
  host: Author
}

union SearchResult = Book | Movie

type Author {
  name: String
}

type Publisher {
  name: String
  address: Address
}

type Address @cost(weight: 5) {
  zipCode: Int!
}

type Report {
  rows: [Int]
}

type BookConnection {
  edges: [BookEdge]
  nodes: [Book]
  totalCount: Int
}

type BookEdge {
  cursor: String
  node: Book
}

input SearchInput {
  text: String
  pagination: Pagination
}

input Pagination {
  first: Int = 6
  after: String
}

input BookFilter {
  genre: Genre @cost(weight: 2)
  tags: [String] @cost(weight: 1)
  nested: BookFilter
}

input BookInput {
  title: String!
}

enum Genre @cost(weight: 2) {
  FICTION
  SCIENCE
}

scalar Rating @cost(weight: 7)
`;

export const APOLLO_BASE_SDL = APOLLO_SDL.replace('type Address @cost(weight: 5) {', 'type Address {');

// The federation link gains the two directives, whatever else the subgraph imports.
const FEDERATION_IMPORT = /(@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+", import: \[)/;

/**
 * The committed SDL without its own cost directives: the fixture's weights stay fixed while the
 * subgraphs' real annotations evolve (those are checked through the committed supergraph).
 */
function withoutCostDirectives(sdl: string): string {
  return sdl
    .replace(/ @(cost|listSize)\([^)]*\)/g, '')
    .replace(/, "@cost"|, "@listSize"|"@cost", |"@listSize", /g, '');
}

/** Applies textual edits, failing loudly when the committed SDL no longer contains an anchor. */
function edit(committed: string, edits: readonly [string, string][]): string {
  const sdl = withoutCostDirectives(committed);
  if (!FEDERATION_IMPORT.test(sdl)) throw new Error('cost fixture: no federation @link import found');
  return edits.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`cost fixture: anchor not found: ${from}`);
    return text.replace(from, to);
  }, sdl.replace(FEDERATION_IMPORT, '$1"@cost", "@listSize", '));
}

/** The subgraphs' committed SDL with the cost directives a production rollout would add. */
const SUBGRAPH_EDITS: Record<string, readonly [string, string][]> = {
  tenancy: [
    ['plans: [Plan!]!', 'plans: [Plan!]! @listSize(assumedSize: 3)'],
    ['first: Int! = 20): TenantConnection!', 'first: Int! = 20): TenantConnection! @listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])'],
  ],
  conocer: [
    ['filter: CompetencyStandardFilter): CompetencyStandardConnection!', 'filter: CompetencyStandardFilter): CompetencyStandardConnection! @listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])'],
    ['competencySectors: [Sector!]!', 'competencySectors: [Sector!]! @listSize(assumedSize: 40)'],
    ['  committee: String!\n', '  committee: String! @cost(weight: 3)\n'],
    ['  search: String\n', '  search: String @cost(weight: 5)\n'],
  ],
  analytics: [
    ['progressSummary: ProgressSummary!', 'progressSummary: ProgressSummary! @cost(weight: 5)'],
    ['recentProgress(first: Int! = 5): [ProgressEvent!]!', 'recentProgress(first: Int! = 5): [ProgressEvent!]! @listSize(slicingArguments: ["first"])'],
    ['learnerId: String): ProgressEventConnection!', 'learnerId: String): ProgressEventConnection! @listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])'],
  ],
};

/** Composes the committed subgraph SDLs, with cost directives added, into a supergraph (as `npm run compose` would). */
export function composeCostSupergraph(): string {
  const services = Object.entries(SUBGRAPH_EDITS).map(([name, edits]) => ({
    name,
    url: `http://${name}.test/graphql`,
    typeDefs: parse(edit(readFileSync(join(SCHEMA_DIR, `${name}.graphql`), 'utf8'), edits)),
  }));
  const result = composeServices(services);
  if (result.errors) throw new Error(`composition failed: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.supergraphSdl;
}
