import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from '@academy/embedded';
import { describe, expect, it } from 'vitest';
import { listSizeProblems } from './support/list-size-coverage';

const committedSupergraph = () => readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');

/*
 * The gateway estimates cost from the committed supergraph's `@cost`/`@listSize`. A list field
 * without a size would silently take the gateway's default list size, too low or too high for what
 * it returns: every new list field must say how long it is, or how it is sliced.
 */
describe('cost annotations in the supergraph', () => {
  it('size every list field of the API schema, with arguments and child fields that exist', async () => {
    const { apiSdl, supergraphSdl } = await composeSupergraph();
    expect(supergraphSdl).toContain('@link(url: "https://specs.apollo.dev/cost/v0.1"');
    expect(listSizeProblems(apiSdl, supergraphSdl)).toEqual([]);
    // The committed file is what the gateway reads; the drift test keeps it equal to this composition.
    expect(committedSupergraph()).toBe(`${supergraphSdl.trim()}\n`);
  });

  it('keep the weights of the fields that do heavy work', async () => {
    const { supergraphSdl } = await composeSupergraph();
    expect(supergraphSdl).toMatch(/progressSummary: ProgressSummary! @join__field\(graph: ANALYTICS\) @cost\(weight: 20\)/);
    expect(supergraphSdl).toMatch(/\): \[ApiUsageDay!\]! @join__field\(graph: ANALYTICS\) @listSize\(assumedSize: 31\) @cost\(weight: 5\)/);
  });

  it('report a list field without a size, a misspelt slicing argument and a sized field that is no list', () => {
    const sdl = /* GraphQL */ `
      directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
      type Query {
        books(first: Int = 5): BookConnection @listSize(slicingArguments: ["frist"], sizedFields: ["edges", "totalCount"])
        authors: [Author]
        shelves: [Shelf] @listSize(assumedSize: 3)
      }
      type BookConnection { edges: [Book] totalCount: Int }
      type Book { title: String }
      type Author { name: String }
      type Shelf { books: [Book] @listSize(assumedSize: 20) }
    `;
    expect(listSizeProblems(sdl, sdl)).toEqual([
      'Query.books: slicing argument frist does not exist',
      'Query.books: sized field totalCount is not a list field of BookConnection',
      'Query.authors: list field without @listSize',
    ]);
  });
});
