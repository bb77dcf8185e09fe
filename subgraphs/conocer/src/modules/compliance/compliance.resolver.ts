import { Arg, Ctx, Directive, Query, Resolver } from 'type-graphql';
import type { ConocerContext } from '../../context';
import { SolarpunkCourseInput } from './compliance.input';
import { toComplianceReport } from './compliance.mapper';
import { SolarpunkComplianceReport } from './compliance.type';

@Resolver(() => SolarpunkComplianceReport)
export class ComplianceResolver {
  @Query(() => SolarpunkComplianceReport, { description: 'Scores a course against the solarpunk rubric and the alignment of its EC standards, with findings to act on.' })
  // Reads the whole catalog for suggestions when the course has no energy, environment or water standard.
  @Directive('@cost(weight: 10)')
  async validateSolarpunkCompliance(@Ctx() { compliance }: ConocerContext, @Arg('course', () => SolarpunkCourseInput) course: SolarpunkCourseInput): Promise<SolarpunkComplianceReport> {
    return toComplianceReport(await compliance.evaluate(course));
  }
}
