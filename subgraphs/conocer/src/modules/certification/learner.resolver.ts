import { decodeCursor, checkPageSize } from '@academy/subgraph-kit';
import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ConocerContext } from '../../context';
import { CertificationConnection } from './certification.type';
import { Learner } from './learner.type';

@Resolver(() => Learner)
export class LearnerResolver {
  @FieldResolver(() => CertificationConnection, { description: 'The learner’s certifications, newest first: their portfolio (learners see only their own).' })
  @Directive('@listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])')
  certifications(
    @Root() learner: Learner,
    @Ctx() { loaders }: ConocerContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<CertificationConnection> {
    return loaders.learnerCertifications(checkPageSize(first), decodeCursor(after)).load(learner.id);
  }
}
