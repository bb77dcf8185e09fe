import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueryExecutor } from '../src/execution';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])';

const CATALOG_SDL = `${LINK}
type Query {
  products: [Product!]!
  product(id: ID!): Product
  search(term: String = "a"): [SearchResult!]!
  node(id: ID!): Node
  failing: String
}
type Mutation { rename(id: ID!, name: String!): Product }
interface Node { id: ID! }
type Product implements Node @key(fields: "id") { id: ID! name: String! status: Status! price: Float tags: [String!] }
type Article implements Node { id: ID! title: String! }
union SearchResult = Product | Article
enum Status { ACTIVE RETIRED }`;

const REVIEWS_SDL = `${LINK}
type Product @key(fields: "id") { id: ID! reviews: [Review!] topReview: Review! }
type Review { id: ID! body: String! stars: Int! }`;

/** Served by a plain HTTP handler that answers values the schema does not allow: the gateway must complete them. */
const LEGACY_SDL = `${LINK}
type Product @key(fields: "id") { id: ID! legacyCode: Int rank: Status! }
enum Status { ACTIVE RETIRED }`;

const products = [
  { id: 'p1', name: 'Cámara', status: 'ACTIVE', price: 10.5, tags: ['foto'] },
  { id: 'p2', name: 'Lente', status: 'RETIRED', price: null, tags: null },
  { id: 'p3', name: 'Trípode', status: 'ACTIVE', price: 3, tags: [] },
];
const articles = [{ id: 'a1', title: 'Guía' }];

const catalogResolvers = {
  Query: {
    products: () => products,
    product: (_: unknown, { id }: { id: string }) => products.find((p) => p.id === id) ?? null,
    search: () => [...products.slice(0, 2).map((p) => ({ ...p, __typename: 'Product' })), { ...articles[0], __typename: 'Article' }],
    node: (_: unknown, { id }: { id: string }) => {
      const product = products.find((p) => p.id === id);
      if (product) return { ...product, __typename: 'Product' };
      const article = articles.find((a) => a.id === id);
      return article ? { ...article, __typename: 'Article' } : null;
    },
    failing: () => {
      throw new GraphQLError('catalog refuses', { extensions: { code: 'CATALOG_REFUSED' } });
    },
  },
  Mutation: {
    rename: (_: unknown, { id, name }: { id: string; name: string }) => {
      const product = products.find((p) => p.id === id);
      if (product) product.name = name;
      return product ?? null;
    },
  },
  SearchResult: { __resolveType: (o: { __typename: string }) => o.__typename },
  Node: { __resolveType: (o: { __typename: string }) => o.__typename },
  Product: { __resolveReference: (ref: { id: string }) => products.find((p) => p.id === ref.id) },
};

const reviewsResolvers = {
  Product: {
    reviews: (product: { id: string }) => {
      if (product.id === 'p3') throw new GraphQLError('reviews are down for p3', { extensions: { code: 'REVIEWS_DOWN' } });
      return [{ id: `r-${product.id}`, body: `Sobre ${product.id}`, stars: product.id === 'p1' ? 5 : 2 }];
    },
    topReview: (product: { id: string }) => (product.id === 'p2' ? null : { id: `t-${product.id}`, body: 'top', stars: 4 }),
  },
};

/** Answers every `_entities` call with a non-integer `legacyCode` for p2 and an unknown enum value for p3. */
function legacyAnswer(body: string): unknown {
  const { variables } = JSON.parse(body) as { variables?: { representations?: { id: string }[] } };
  return {
    data: {
      _entities: (variables?.representations ?? []).map(({ id }) => ({
        __typename: 'Product',
        legacyCode: id === 'p2' ? 'not-a-number' : 7,
        rank: id === 'p3' ? 'BOGUS' : 'ACTIVE',
      })),
    },
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

async function startSubgraph(typeDefs: string, resolvers: object) {
  const server = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers: resolvers as never }]) });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, close: () => server.stop() };
}

/** An Apollo Server on an ApolloGateway; `compiled` puts this gateway's executor in front of Apollo's. */
async function startGateway(supergraphSdl: string, compiled: boolean) {
  const services: ServiceMap = {};
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const source = new RemoteGraphQLDataSource({ url });
      services[name] = source;
      return source;
    },
  });
  /** Which executor ran each request, as the executor reports it (the gateway's metrics hook). */
  const executions: ('compiled' | 'apollo')[] = [];
  if (compiled) {
    const queryExecutor = createQueryExecutor({ fallback: gateway.executor, serviceMap: () => services, onExecution: (executor) => executions.push(executor) });
    gateway.executor = queryExecutor.executor;
    gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => queryExecutor.setSupergraph(coreSupergraphSdl));
  }
  const server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
  await server.start();
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, ...response.body.singleResult };
  };
  const fallbacks = () => executions.filter((executor) => executor === 'apollo').length;
  return { run, executions, fallbacks, stop: () => server.stop() };
}

describe('compiled executor (same responses as Apollo executor, real subgraphs over HTTP)', () => {
  let catalog: Awaited<ReturnType<typeof startSubgraph>>;
  let reviews: Awaited<ReturnType<typeof startSubgraph>>;
  let legacy: Server;
  let compiled: Awaited<ReturnType<typeof startGateway>>;
  let apollo: Awaited<ReturnType<typeof startGateway>>;

  beforeAll(async () => {
    catalog = await startSubgraph(CATALOG_SDL, catalogResolvers);
    reviews = await startSubgraph(REVIEWS_SDL, reviewsResolvers);
    legacy = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(legacyAnswer(body)));
      });
    });
    const legacyUrl = await listen(legacy);
    const composed = composeServices([
      { name: 'catalog', url: catalog.url, typeDefs: parse(CATALOG_SDL) },
      { name: 'reviews', url: reviews.url, typeDefs: parse(REVIEWS_SDL) },
      { name: 'legacy', url: legacyUrl, typeDefs: parse(LEGACY_SDL) },
    ]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
    compiled = await startGateway(composed.supergraphSdl, true);
    apollo = await startGateway(composed.supergraphSdl, false);
  });

  afterAll(async () => {
    await Promise.all([compiled?.stop(), apollo?.stop()]);
    await Promise.all([catalog?.close(), reviews?.close(), new Promise((resolve) => legacy?.close(resolve))]);
  });

  /** Both gateways' full responses (status, data, errors, extensions), serialised as clients receive them. */
  async function both(query: string, variables?: Record<string, unknown>) {
    const [ours, theirs] = [await compiled.run(query, variables), await apollo.run(query, variables)];
    return { ours: JSON.parse(JSON.stringify(ours)), theirs: JSON.parse(JSON.stringify(theirs)) };
  }

  const cases: [string, string, Record<string, unknown>?][] = [
    ['entities across subgraphs, lists and nullable leaves', '{ products { id name status price tags reviews { body stars } } }'],
    ['an entity fetch error keeps the rest, with the path moved to the client response', '{ products { name reviews { stars } } }'],
    ['aliases, __typename aliases and variables with defaults', 'query Q($id: ID!, $with: Boolean = true) { product(id: $id) { n: name t: __typename __typename reviews @include(if: $with) { s: stars } } }', { id: 'p1' }],
    ['@skip and @include from variables and literals', 'query Q($skip: Boolean!) { products { id name @skip(if: $skip) price @include(if: false) } }', { skip: true }],
    ['unions and interfaces through inline and named fragments', 'fragment P on Product { name status } { search { __typename ...P ... on Article { title } } node(id: "a1") { id ... on Article { title } ... on Product { name } } }'],
    ['an abstract field resolved to an entity that another subgraph extends', '{ node(id: "p1") { id ... on Product { reviews { body } } } }'],
    ['a fetch the plan skips on a variable (Condition node), off', 'query Q($with: Boolean!) { products { id reviews @include(if: $with) { stars } } }', { with: false }],
    ['a fetch the plan skips on a variable (Condition node), on', 'query Q($with: Boolean!) { products { id reviews @include(if: $with) { stars } } }', { with: true }],
    ['entity fetches to two subgraphs in parallel', '{ products { id reviews { stars } rank } }'],
    ['a null for a non-null field nulls up to the nearest nullable parent', '{ products { id topReview { body } } }'],
    ['values the schema does not allow become nulls with value-completion errors', '{ products { id legacyCode } }'],
    ['an invalid enum value in a non-null field nulls the parent', '{ product(id: "p3") { id rank } }'],
    ['a failing root field next to a working one', '{ failing products { id } }'],
    ['root __typename', '{ __typename products { __typename id } }'],
    ['missing required variables', 'query Q($id: ID!) { product(id: $id) { id } }'],
    ['wrongly typed variables', 'query Q($id: ID!) { product(id: $id) { id } }', { id: { not: 'an id' } }],
    ['a mutation followed by entity fetches', 'mutation { rename(id: "p1", name: "Cámara 2") { id name reviews { stars } } }'],
  ];

  it.each(cases)('%s', async (_name, query, variables) => {
    const { ours, theirs } = await both(query, variables);
    expect(ours).toEqual(theirs);
    expect(compiled.executions.at(-1)).toBe('compiled');
    expect(compiled.fallbacks()).toBe(0);
  });

  it('answers the cases above with data, errors or both (the comparison is not vacuous)', async () => {
    const { ours: withErrors } = await both('{ products { name reviews { stars } } }');
    expect(withErrors.errors).toEqual([expect.objectContaining({ message: 'reviews are down for p3', path: ['products', 2, 'reviews'] })]);
    expect(withErrors.data.products[0].reviews).toEqual([{ stars: 5 }]);
    const { ours: bubbled } = await both('{ products { id topReview { body } } }');
    expect(bubbled.data).toBeNull();
    const { ours: completed } = await both('{ products { id legacyCode } }');
    expect(completed.data.products[1]).toEqual({ id: 'p2', legacyCode: null });
    expect(completed.extensions.valueCompletion).toEqual([expect.objectContaining({ message: 'Invalid value found for field Product.legacyCode.', path: ['products', 1, 'legacyCode'] })]);
  });

  it('leaves introspection to Apollo executor, with the same answer', async () => {
    const { ours, theirs } = await both('{ __schema { queryType { name } } products { id } }');
    expect(ours).toEqual(theirs);
    expect(ours.data.__schema.queryType.name).toBe('Query');
    expect(compiled.executions.at(-1)).toBe('apollo');
    expect(compiled.fallbacks()).toBe(1);
  });
});
