import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompositionFailed, composeSupergraph } from './supergraph';

/** `npm run compose`: writes schema/<subgraph>.graphql, schema/supergraph.graphql and schema/api.graphql. */
export const SCHEMA_DIR = join(__dirname, '..', '..', '..', 'schema');

async function main(): Promise<void> {
  const composed = await composeSupergraph();
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const { name, sdl } of composed.subgraphs) writeFileSync(join(SCHEMA_DIR, `${name}.graphql`), `${sdl.trim()}\n`);
  writeFileSync(join(SCHEMA_DIR, 'supergraph.graphql'), `${composed.supergraphSdl.trim()}\n`);
  writeFileSync(join(SCHEMA_DIR, 'api.graphql'), `${composed.apiSdl.trim()}\n`);
  console.log(`composed ${composed.subgraphs.map((s) => s.name).join(', ')} into ${SCHEMA_DIR}/supergraph.graphql`);
}

main().catch((error) => {
  console.error(error instanceof CompositionFailed ? error.message : error);
  process.exit(1);
});
