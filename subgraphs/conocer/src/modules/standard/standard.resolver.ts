import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { ConocerContext } from '../../context';
import { CompetencyStandardFilter } from './standard.input';
import { normalizeStandardCode } from './standard.service';
import { CompetencyStandard, CompetencyStandardConnection, Sector } from './standard.type';

@Resolver(() => CompetencyStandard)
export class StandardResolver {
  @Query(() => CompetencyStandard, { nullable: true, description: 'A standard by code; case and surrounding spaces are ignored. Null when unknown.' })
  async competencyStandard(@Ctx() { loaders }: ConocerContext, @Arg('code', () => String) code: string): Promise<CompetencyStandard | null> {
    return (await loaders.standardByCode.load(normalizeStandardCode(code))) ?? null;
  }

  @Query(() => CompetencyStandardConnection, { description: 'Current standards ordered by code, a page at a time.' })
  competencyStandards(
    @Ctx() { standards }: ConocerContext,
    @Arg('filter', () => CompetencyStandardFilter, { nullable: true }) filter?: CompetencyStandardFilter,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<CompetencyStandardConnection> {
    return standards.list(filter, first, after);
  }

  @Query(() => [Sector], { description: 'Sectors that have current standards, by name.' })
  competencySectors(@Ctx() { standards }: ConocerContext): Promise<Sector[]> {
    return standards.sectors();
  }
}
