/**
 * The four subgraphs of the federation benchmark's shape — accounts, inventory, products, reviews —
 * built with @apollo/subgraph. Resolvers only look up the generated data: the subgraphs should cost as
 * little as possible, so that what differs between targets is the gateway.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type GraphQLSchema, parse } from 'graphql';
import type { BenchData, ProductRow, ReviewRow, UserRow } from './data';

export const BENCH_SUBGRAPHS = ['accounts', 'inventory', 'products', 'reviews'] as const;
export type BenchSubgraphName = (typeof BENCH_SUBGRAPHS)[number];

const LINK = (imports: string[]) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ${JSON.stringify(imports)})`;

export const SUBGRAPH_SDL: Record<BenchSubgraphName, string> = {
  accounts: /* GraphQL */ `
    ${LINK(['@key'])}
    type Query {
      users(first: Int! = 10, offset: Int! = 0): [User!]!
      user(id: ID!): User
    }
    type User @key(fields: "id") {
      id: ID!
      name: String!
      username: String!
      birthday: Int!
    }
  `,
  inventory: /* GraphQL */ `
    ${LINK(['@key', '@external', '@requires'])}
    type Product @key(fields: "upc") {
      upc: String!
      price: Int! @external
      weight: Int! @external
      inStock: Boolean!
      shippingEstimate: Int! @requires(fields: "price weight")
    }
  `,
  products: /* GraphQL */ `
    ${LINK(['@key'])}
    type Query {
      topProducts(first: Int! = 5, offset: Int! = 0): [Product!]!
    }
    type Product @key(fields: "upc") {
      upc: String!
      name: String!
      price: Int!
      weight: Int!
    }
  `,
  reviews: /* GraphQL */ `
    ${LINK(['@key'])}
    type Review @key(fields: "id") {
      id: ID!
      body: String!
      author: User!
      product: Product!
    }
    type User @key(fields: "id") {
      id: ID!
      reviews: [Review!]!
    }
    type Product @key(fields: "upc") {
      upc: String!
      reviews: [Review!]!
    }
  `,
};

const page = <T>(rows: T[], first: number, offset: number) => rows.slice(Math.max(0, offset), Math.max(0, offset) + Math.max(0, first));

type Resolvers = Parameters<typeof buildSubgraphSchema>[0] extends infer M ? (M extends { resolvers?: infer R }[] ? R : never) : never;

function resolversOf(name: BenchSubgraphName, data: BenchData): Resolvers {
  switch (name) {
    case 'accounts':
      return {
        Query: {
          users: (_: unknown, { first, offset }: { first: number; offset: number }) => page(data.users, first, offset),
          user: (_: unknown, { id }: { id: string }) => data.usersById.get(id) ?? null,
        },
        User: { __resolveReference: ({ id }: { id: string }) => data.usersById.get(id) ?? null },
      } as Resolvers;
    case 'products':
      return {
        Query: { topProducts: (_: unknown, { first, offset }: { first: number; offset: number }) => page(data.products, first, offset) },
        Product: { __resolveReference: ({ upc }: { upc: string }) => data.productsByUpc.get(upc) ?? null },
      } as Resolvers;
    case 'inventory':
      return {
        Product: {
          // price and weight arrive in the representation (@requires), as the gateway fetched them from products.
          __resolveReference: (reference: { upc: string; price?: number; weight?: number }) => reference,
          inStock: ({ upc }: { upc: string }) => Number(upc.slice(1)) % 4 !== 0,
          shippingEstimate: ({ price, weight }: Pick<ProductRow, 'price' | 'weight'>) => (price > 5_000 ? 0 : Math.round(weight / 2)),
        },
      } as Resolvers;
    case 'reviews':
      return {
        Review: {
          __resolveReference: ({ id }: { id: string }) => data.reviewsById.get(id) ?? null,
          author: (review: ReviewRow) => ({ id: review.authorId }),
          product: (review: ReviewRow) => ({ upc: review.productUpc }),
        },
        User: {
          __resolveReference: (reference: Pick<UserRow, 'id'>) => reference,
          reviews: ({ id }: Pick<UserRow, 'id'>) => data.reviewsByAuthor.get(id) ?? [],
        },
        Product: {
          __resolveReference: (reference: Pick<ProductRow, 'upc'>) => reference,
          reviews: ({ upc }: Pick<ProductRow, 'upc'>) => data.reviewsByProduct.get(upc) ?? [],
        },
      } as Resolvers;
  }
}

export function buildBenchSubgraphSchema(name: BenchSubgraphName, data: BenchData): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: parse(SUBGRAPH_SDL[name]), resolvers: resolversOf(name, data) }]);
}
