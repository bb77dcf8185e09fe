import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applyCacheHints } from './cache-hints';

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
type Query { items: ItemPage! me: String! }
type ItemPage { nodes: [Item!]! }
type Item @key(fields: "id") { id: ID! }`;

const resolvers = {
  Query: { items: () => ({ nodes: [{ id: 'a' }] }), me: () => 'ana' },
  Item: { __resolveReference: (ref: { id: string }) => ref },
};

async function cacheControlOf(query: string, variables?: Record<string, unknown>): Promise<string | undefined> {
  const schema = applyCacheHints(buildSubgraphSchema([{ typeDefs: parse(SDL), resolvers }]), {
    'Query.items': { maxAge: 300, scope: 'PUBLIC' },
    ItemPage: { inheritMaxAge: true },
    Item: { maxAge: 60 },
  });
  const server = new ApolloServer({ schema });
  await server.start();
  try {
    const response = await server.executeOperation({ query, variables });
    return response.http.headers.get('cache-control');
  } finally {
    await server.stop();
  }
}

describe('applyCacheHints', () => {
  it('turns the hints into the response policy, the shortest max-age winning', async () => {
    expect(await cacheControlOf('{ items { nodes { id } } }')).toBe('max-age=60, public');
  });

  it('applies type hints to entities fetched through _entities', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Item { id } } }';
    expect(await cacheControlOf(query, { r: [{ __typename: 'Item', id: 'a' }] })).toBe('max-age=60, public');
  });

  it('leaves fields without a hint uncacheable', async () => {
    expect(await cacheControlOf('{ items { nodes { id } } me }')).toBe('no-store');
  });

  it('keeps the hints out of the SDL the subgraph serves for composition', async () => {
    const server = new ApolloServer({ schema: applyCacheHints(buildSubgraphSchema([{ typeDefs: parse(SDL), resolvers }]), { Item: { maxAge: 60 } }) });
    await server.start();
    try {
      const response = await server.executeOperation<{ _service: { sdl: string } }>({ query: '{ _service { sdl } }' });
      const sdl = response.body.kind === 'single' ? response.body.singleResult.data?._service.sdl : undefined;
      expect(sdl).toContain('type Item');
      expect(sdl).not.toContain('cacheControl');
    } finally {
      await server.stop();
    }
  });

  it('refuses a hint for a type or field the schema lacks', () => {
    const schema = buildSubgraphSchema([{ typeDefs: parse(SDL), resolvers }]);
    expect(() => applyCacheHints(schema, { Missing: { maxAge: 1 } })).toThrow(/no object or interface type Missing/);
    expect(() => applyCacheHints(schema, { 'Query.nope': { maxAge: 1 } })).toThrow(/Query has no field nope/);
  });
});
