import { Arg, Ctx, Directive, Mutation, Query, Resolver } from 'type-graphql';
import type { ConocerContext } from '../../context';
import { Audited } from '../audit';
import { CertificationProgramInput } from './certification-program.input';
import { CertificationProgram } from './certification-program.type';

/** A tenant certifies a bounded set of standards; 50 is a generous guess for the estimate. */
@Resolver(() => CertificationProgram)
export class CertificationProgramResolver {
  @Query(() => [CertificationProgram], { description: 'The tenant’s certification programs, by standard code.' })
  @Directive('@listSize(assumedSize: 50)')
  certificationPrograms(@Ctx() { programs }: ConocerContext): Promise<CertificationProgram[]> {
    return programs.list();
  }

  @Mutation(() => CertificationProgram, { description: 'Creates or replaces the tenant’s program for a standard (tenant admins).' })
  @Audited({ action: 'certification-program.set', target: (args) => `certification-program/${(args.input as CertificationProgramInput).standardCode}` })
  setCertificationProgram(@Ctx() { programs }: ConocerContext, @Arg('input', () => CertificationProgramInput) input: CertificationProgramInput): Promise<CertificationProgram> {
    return programs.set(input);
  }

  @Mutation(() => Boolean, { description: 'Removes the tenant’s program for a standard; false when there was none.' })
  @Audited({ action: 'certification-program.remove', target: (args) => `certification-program/${String(args.standardCode)}` })
  removeCertificationProgram(@Ctx() { programs }: ConocerContext, @Arg('standardCode') standardCode: string): Promise<boolean> {
    return programs.remove(standardCode);
  }
}
