import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph, renderReadme } from '@academy/embedded';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const committed = (path: string) => readFileSync(join(root, path), 'utf8');

// CI fails when code and the committed schema/generated files disagree: run `npm run compose && npm run codegen`.
describe('committed schema and generated code', () => {
  it('schema/ matches what the subgraphs print and compose to', async () => {
    const composed = await composeSupergraph();
    for (const { name, sdl } of composed.subgraphs) expect(committed(`schema/${name}.graphql`), `schema/${name}.graphql`).toBe(`${sdl.trim()}\n`);
    expect(committed('schema/supergraph.graphql')).toBe(`${composed.supergraphSdl.trim()}\n`);
    expect(committed('schema/api.graphql')).toBe(`${composed.apiSdl.trim()}\n`);
  });

  it('e2e/src/generated matches codegen.yml over the API schema', async () => {
    const { config } = await loadCodegenConfig({ configFilePath: join(root, 'codegen.yml') });
    const outputs = await generate({ ...config, cwd: root, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      expect(committed(output.filename), output.filename).toBe(output.content);
    }
  });

  it('README tables match the configuration schemas and the error registry', () => {
    const readme = committed('README.md');
    expect(readme).toBe(renderReadme(readme));
  });
});
