import {
  AppError,
  CONTEXT_TOKEN_HEADER,
  type ContextKeySource,
  createContextTokenVerifier,
  createGraphQLHttpHandler,
  createHttpService,
  createLogger,
  type Principal,
} from '@academy/service-kit';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

type SchemaModule = Extract<Parameters<typeof buildSubgraphSchema>[0], unknown[]>[number];
type Resolvers = Extract<SchemaModule, { typeDefs: unknown }>['resolvers'];

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])';

/** `email` is served by the users subgraph but left out of the first supergraph, so a reload can add it. */
export const USERS_SDL = `${LINK}
type Query { users: [User!]! forbidden: String }
type User @key(fields: "id") { id: ID! name: String! }`;
export const USERS_SDL_WITH_EMAIL = USERS_SDL.replace('name: String! }', 'name: String! email: String }');

export const REVIEWS_SDL = `${LINK}
type User @key(fields: "id") { id: ID! reviews: [Review!] }
type Review { id: ID! body: String! }`;

const USERS = [
  { id: 'u1', name: 'Ana', email: 'ana@example.com' },
  { id: 'u2', name: 'Luis', email: 'luis@example.com' },
];

const usersResolvers = {
  Query: {
    users: () => USERS,
    forbidden: () => {
      throw new AppError('FORBIDDEN', 'Only admins may read this');
    },
  },
  User: { __resolveReference: (ref: { id: string }) => USERS.find((u) => u.id === ref.id) },
};

const reviewsResolvers = {
  User: { reviews: (user: { id: string }) => [{ id: `r-${user.id}`, body: `Review of ${user.id}` }] },
};

/** What a subgraph saw on one call: the raw token, and the principal it verified (or the reason it refused). */
export interface ReceivedCall {
  token: string | undefined;
  requestId: string | undefined;
  principal?: Principal;
  refused?: string;
}

export interface TestSubgraph {
  name: string;
  url: string;
  calls: ReceivedCall[];
  close(): Promise<void>;
}

/** A Federation 2 subgraph that, like the real ones, refuses calls without a valid context token for itself. */
async function startSubgraph(name: string, sdl: string, resolvers: Resolvers, keys: ContextKeySource): Promise<TestSubgraph> {
  const logger = createLogger({ service: `test-${name}`, level: 'silent' });
  const verifier = await createContextTokenVerifier(keys, name);
  const calls: ReceivedCall[] = [];
  // Stack traces on purpose: the gateway must strip them outside development.
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]),
    includeStacktraceInErrorResponses: true,
    logger,
  });
  await server.start();
  const handler = createGraphQLHttpHandler({
    server,
    context: async (req) => {
      const header = req.headers[CONTEXT_TOKEN_HEADER];
      const call: ReceivedCall = { token: typeof header === 'string' ? header : undefined, requestId: req.headers['x-request-id'] as string };
      calls.push(call);
      try {
        call.principal = await verifier.verify(call.token ?? '');
      } catch (error) {
        call.refused = (error as Error).message;
        throw new AppError('UNAUTHENTICATED', 'A valid gateway context token is required');
      }
      return {};
    },
  });
  const http = createHttpService({ logger, handler });
  const base = await http.listen(0, '127.0.0.1');
  return {
    name,
    url: `${base}/graphql`,
    calls,
    close: async () => {
      await http.close();
      await server.stop();
    },
  };
}

export async function startTestSubgraphs(keys: ContextKeySource) {
  const users = await startSubgraph('users', USERS_SDL_WITH_EMAIL, usersResolvers, keys);
  const reviews = await startSubgraph('reviews', REVIEWS_SDL, reviewsResolvers, keys);
  return { users, reviews, close: () => Promise.all([users.close(), reviews.close()]).then(() => undefined) };
}

/** Composes the two subgraphs as `rover supergraph compose` would. */
export function composeSupergraph(urls: { users: string; reviews: string }, { withEmail = false } = {}): string {
  const result = composeServices([
    { name: 'users', url: urls.users, typeDefs: parse(withEmail ? USERS_SDL_WITH_EMAIL : USERS_SDL) },
    { name: 'reviews', url: urls.reviews, typeDefs: parse(REVIEWS_SDL) },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}
