import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ConocerContext } from '../../context';
import { Audited } from '../audit';
import { CompetencyStandard } from '../standard';
import { CertificationFilter, SubmitCertificationInput } from './certification.input';
import type { CandidateProfile } from './certification-submission.service';
import { Certification, CertificationConnection, CertificationSaga } from './certification.type';
import { CandidateProfileType } from './candidate-profile.type';

@Resolver(() => Certification)
export class CertificationResolver {
  @Query(() => Certification, { nullable: true, description: 'A certification of the caller’s tenant (learners: their own); null when unknown.' })
  async certification(@Ctx() { loaders }: ConocerContext, @Arg('id', () => ID) id: string): Promise<Certification | null> {
    return (await loaders.certificationById.load(id)) ?? null;
  }

  @Query(() => CertificationConnection, { description: 'The tenant’s certifications, newest first (learners: their own).' })
  @Directive('@listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])')
  certifications(
    @Ctx() { certifications }: ConocerContext,
    @Arg('filter', () => CertificationFilter, { nullable: true }) filter?: CertificationFilter,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<CertificationConnection> {
    return certifications.list(filter, first, after);
  }

  @Mutation(() => Certification, {
    description:
      'Runs the certification saga for an evaluation: validateCompletion → generateCertificate → submitToProvider → updateLearnerProfile → sendNotification. Returns once the submission is queued (PENDING), or later states with a synchronous provider.',
  })
  // The saga's first three steps (three transactions) and every check's reads.
  @Directive('@cost(weight: 20)')
  @Audited({ action: 'certification.submit', target: (args, result) => (result ? `certification/${(result as Certification).id}` : `learner/${(args.input as SubmitCertificationInput).learnerId}`) })
  submitCertification(@Ctx() { submissions }: ConocerContext, @Arg('input', () => SubmitCertificationInput) input: SubmitCertificationInput): Promise<Certification> {
    return submissions.submit(input);
  }

  @Mutation(() => CandidateProfileType, { description: 'Sets the CURP that automatic certifications use: learners their own, staff any learner’s.' })
  @Audited({ action: 'candidate.set-curp', target: (args) => `learner/${String(args.learnerId ?? '(self)')}` })
  setCandidateCurp(
    @Ctx() { submissions }: ConocerContext,
    @Arg('curp') curp: string,
    @Arg('learnerId', () => ID, { nullable: true, description: 'Omitted: the caller.' }) learnerId?: string,
  ): Promise<CandidateProfile> {
    return submissions.setCandidateCurp(learnerId, curp);
  }

  @FieldResolver(() => CompetencyStandard, { nullable: true, description: 'The standard, from the catalog.' })
  async standard(@Root() certification: Certification, @Ctx() { loaders }: ConocerContext): Promise<CompetencyStandard | null> {
    return (await loaders.standardByCode.load(certification.standardCode)) ?? null;
  }

  @FieldResolver(() => CertificationSaga, { nullable: true, description: 'The saga’s steps (staff only).' })
  async saga(@Root() certification: Certification, @Ctx() { loaders }: ConocerContext): Promise<CertificationSaga | null> {
    return (await loaders.sagaById.load(certification.sagaId)) ?? null;
  }
}
