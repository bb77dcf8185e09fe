import { loadSectors } from '@academy/renec';
import { Arg, Ctx, Directive, Int, Query, Resolver } from 'type-graphql';
import type { ConocerContext } from '../../context';
import { CompetencyStandardFilter } from './standard.input';
import { normalizeStandardCode } from './standard.service';
import { CompetencyStandard, CompetencyStandardConnection, Sector } from './standard.type';

/**
 * `competencySectors` lists only sectors that have current standards, all named in RENEC's sector
 * catalog (22 in the 2025-11 snapshot, 20 of them in use), so the catalog's size bounds the list.
 */
const CATALOG_SECTORS = loadSectors().length;

@Resolver(() => CompetencyStandard)
export class StandardResolver {
  @Query(() => CompetencyStandard, { nullable: true, description: 'A standard by code; case and surrounding spaces are ignored. Null when unknown.' })
  async competencyStandard(@Ctx() { loaders }: ConocerContext, @Arg('code', () => String) code: string): Promise<CompetencyStandard | null> {
    return (await loaders.standardByCode.load(normalizeStandardCode(code))) ?? null;
  }

  @Query(() => CompetencyStandardConnection, { description: 'Current standards ordered by code, a page at a time.' })
  @Directive('@listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])')
  competencyStandards(
    @Ctx() { standards }: ConocerContext,
    @Arg('filter', () => CompetencyStandardFilter, { nullable: true }) filter?: CompetencyStandardFilter,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<CompetencyStandardConnection> {
    return standards.list(filter, first, after);
  }

  @Query(() => [Sector], { description: 'Sectors that have current standards, by name.' })
  @Directive(`@listSize(assumedSize: ${CATALOG_SECTORS})`)
  competencySectors(@Ctx() { standards }: ConocerContext): Promise<Sector[]> {
    return standards.sectors();
  }
}
