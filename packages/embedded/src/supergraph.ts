import { composeServices } from '@apollo/composition';
import { printSchema } from '@apollo/federation-internals';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { SUBGRAPHS } from './subgraphs';

export interface ComposedSupergraph {
  /** Each subgraph's SDL as its `_service { sdl }` would print it. */
  subgraphs: { name: string; sdl: string }[];
  supergraphSdl: string;
  /** The client-facing schema (no join/link machinery): what codegen and Sandbox see. */
  apiSdl: string;
}

export class CompositionFailed extends Error {
  constructor(readonly problems: string[]) {
    super(`Composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CompositionFailed';
  }
}

/** Prints every subgraph from code (no server needed) and composes them with @apollo/composition. */
export async function composeSupergraph(host = 'localhost'): Promise<ComposedSupergraph> {
  const subgraphs = await Promise.all(
    SUBGRAPHS.map(async ({ name, port, buildSchema }) => ({ name, port, sdl: printSubgraphSchema(await buildSchema()) })),
  );
  const result = composeServices(subgraphs.map(({ name, port, sdl }) => ({ name, url: `http://${host}:${port}/graphql`, typeDefs: parse(sdl) })));
  if (result.errors) {
    throw new CompositionFailed(result.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`));
  }
  return {
    subgraphs: subgraphs.map(({ name, sdl }) => ({ name, sdl })),
    supergraphSdl: result.supergraphSdl,
    apiSdl: printSchema(result.schema.toAPISchema()),
  };
}
