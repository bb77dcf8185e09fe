import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { BENCH_SUBGRAPHS, type BenchSubgraphName, SUBGRAPH_SDL } from './subgraph-schemas';

/**
 * The benchmark's supergraph: the four benchmark subgraphs plus the repository's tenancy subgraph
 * (its committed SDL), which only this gateway calls (tenant lookups), composed with the URLs the
 * running subgraphs listen on, so a gateway that reads routing URLs from the file (Hive Gateway)
 * needs nothing else.
 */
export async function composeBenchSupergraph(urls: Record<BenchSubgraphName, string> & { tenancy: string }): Promise<string> {
  const tenancySdl = await readFile(join(__dirname, '..', '..', 'schema', 'tenancy.graphql'), 'utf8');
  const services = [
    ...BENCH_SUBGRAPHS.map((name) => ({ name, url: urls[name], typeDefs: parse(SUBGRAPH_SDL[name]) })),
    { name: 'tenancy', url: urls.tenancy, typeDefs: parse(tenancySdl) },
  ];
  const result = composeServices(services);
  if (result.errors?.length || !result.supergraphSdl) {
    throw new Error(`the benchmark's supergraph does not compose:\n${(result.errors ?? []).map((e) => `  ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
