import { printSubgraphSchema } from '@apollo/subgraph';
import { describe, expect, it } from 'vitest';
import { buildConocerSchema } from '../src';

describe('conocer subgraph schema', () => {
  it('builds without a database and declares the federation keys', async () => {
    const sdl = printSubgraphSchema(await buildConocerSchema());
    // federation-internals prints a type's directives on their own line, hence \s+.
    expect(sdl).toMatch(/type CompetencyStandard\s+@key\(fields: "code"\)\s*\{/);
    expect(sdl).toMatch(/type PageInfo\s+@shareable\s*\{/);
    expect(sdl).toMatch(/import: \[.*"@key".*"@shareable".*\]/);
    expect(sdl).toMatch(/competencyStandards\(.*\): CompetencyStandardConnection!/);
    expect(sdl).toContain('first: Int! = 20');
  });
});
