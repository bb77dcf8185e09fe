import { AppError, CONTEXT_TOKEN_HEADER, type ContextKeySource, createContextTokenVerifier, createGraphQLHttpHandler, createHttpService, createLogger, type Principal } from '@academy/service-kit';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
enum CacheControlScope { PUBLIC PRIVATE }
directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
type Query {
  catalog: [Item!]! @cacheControl(maxAge: 60, scope: PUBLIC)
  brief: Int! @cacheControl(maxAge: 1)
  mine: String! @cacheControl(maxAge: 60, scope: PRIVATE)
  live: Int!
  forbidden: String @cacheControl(maxAge: 60)
}
type Item @key(fields: "id") @cacheControl(maxAge: 60) { id: ID! reads: Int! }
type Mutation { touch: Int! }`;

/**
 * Hints as Apollo documents them for subgraphs (SDL directives): a PUBLIC catalog, a 1-second `brief`,
 * a PRIVATE `mine`, and `live` with none. A subgraph whose answers show how often it ran: `reads` counts executions, so a cached response
 * is recognisable by its stale count. It verifies the gateway's context tokens like the real ones.
 */
export async function startCacheSubgraph(keys: ContextKeySource) {
  let reads = 0;
  const resolvers = {
    Query: {
      catalog: () => [{ id: 'a', reads: ++reads }],
      brief: () => ++reads,
      mine: (_: unknown, __: unknown, { principal }: { principal: Principal }) => `${principal.subject}:${++reads}`,
      live: () => ++reads,
      forbidden: () => {
        throw new AppError('FORBIDDEN', 'not for you');
      },
    },
    Mutation: { touch: () => ++reads },
  };
  const logger = createLogger({ service: 'test-cache-subgraph', level: 'silent' });
  const verifier = await createContextTokenVerifier(keys, 'cached');
  const server = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs: parse(SDL), resolvers }]), logger });
  await server.start();
  const handler = createGraphQLHttpHandler({
    server,
    context: async (req) => ({ principal: await verifier.verify(String(req.headers[CONTEXT_TOKEN_HEADER] ?? '')) }),
  });
  const http = createHttpService({ logger, handler });
  const url = `${await http.listen(0, '127.0.0.1')}/graphql`;
  const composed = composeServices([{ name: 'cached', url, typeDefs: parse(SDL) }]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  return {
    url,
    supergraphSdl: composed.supergraphSdl,
    /** Executions so far. */
    reads: () => reads,
    close: async () => {
      await http.close();
      await server.stop();
    },
  };
}
