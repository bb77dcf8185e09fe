import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createPubSub } from '@graphql-yoga/subscription';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { type BuildSchemaOptions, buildSchema, createResolversMap } from 'type-graphql';

/** The Federation version every subgraph links; 2.9 brings `@cost` and `@listSize`. */
export const FEDERATION_SPEC = 'https://specs.apollo.dev/federation/v2.9';

export interface FederatedSchemaOptions extends Omit<BuildSchemaOptions, 'skipCheck'> {
  /** Federation directives the type-graphql `@Directive`s use, e.g. `["@key", "@shareable", "@cost"]`. */
  federationImports: string[];
  /** `__resolveReference` (and other hand-written resolvers) per type, merged over type-graphql's map. */
  referenceResolvers?: GraphQLResolverMap<unknown>;
}

/**
 * type-graphql builds the schema from decorators; its printed SDL (with directives, which graphql's
 * `printSchema` drops) becomes the typeDefs of `buildSubgraphSchema`, so `_service`, `_entities`
 * and the federation directives are added exactly as Apollo's subgraph library does it.
 */
export async function buildFederatedSchema({ federationImports, referenceResolvers = {}, ...options }: FederatedSchemaOptions): Promise<GraphQLSchema> {
  // type-graphql wants a PubSub as soon as a resolver has a subscription, even one with its own `subscribe`.
  const schema = await buildSchema({ pubSub: createPubSub(), ...options, skipCheck: true });
  const imports = federationImports.map((name) => `"${name}"`).join(', ');
  const typeDefs = parse(`extend schema @link(url: "${FEDERATION_SPEC}", import: [${imports}])\n\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, fields] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(fields as object) } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({ typeDefs, resolvers });
}
