import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { TenancyContext } from '../../context';
import { Audited } from '../audit';
import { Tenant } from '../tenant';
import { RegisterLearnerInput } from './learner.input';
import { Learner, LearnerConnection } from './learner.type';

@Resolver(() => Learner)
export class LearnerResolver {
  @Query(() => Learner, {
    nullable: true,
    description: 'A learner of the caller’s tenant. Null when there is none, or when the caller may only see themself and asks for someone else.',
  })
  async learner(@Ctx() { loaders }: TenancyContext, @Arg('id', () => ID) id: string): Promise<Learner | null> {
    return (await loaders.learnerById.load(id)) ?? null;
  }

  @Query(() => LearnerConnection, { description: 'The caller’s tenant’s learners in registration order (instructors, tenant admins, `learners:read` partners).' })
  @Directive('@listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])')
  learners(
    @Ctx() { learners }: TenancyContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<LearnerConnection> {
    return learners.list(first, after);
  }

  @Query(() => Learner, { nullable: true, description: 'The signed-in user as a learner of the request’s tenant; null until registered.' })
  me(@Ctx() { learners }: TenancyContext): Promise<Learner | null> {
    return learners.me();
  }

  @Mutation(() => Learner, {
    description: 'Registers a learner of the caller’s tenant, or updates it when the id is already registered (tenant admins).',
  })
  @Audited({ action: 'learner.register', target: (args) => `learner/${String((args.input as RegisterLearnerInput | undefined)?.id)}` })
  registerLearner(@Ctx() { learners }: TenancyContext, @Arg('input', () => RegisterLearnerInput) input: RegisterLearnerInput): Promise<Learner> {
    return learners.register(input);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Personal data: null for anyone but the learner and the tenant’s admins.' })
  email(@Root() learner: Learner, @Ctx() { learners }: TenancyContext): string | null {
    return learners.emailOf(learner);
  }

  @FieldResolver(() => Tenant)
  async tenant(@Root() learner: Learner, @Ctx() { loaders }: TenancyContext): Promise<Tenant> {
    const tenant = await loaders.tenantById.load(learner.tenantId);
    // Learners are read in the caller's own tenant only, which the caller can always see.
    if (!tenant) throw new Error(`Learner ${learner.id} belongs to tenant ${learner.tenantId}, which the caller cannot see`);
    return tenant;
  }
}
