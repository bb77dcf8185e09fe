import { Ctx, Directive, Query, Resolver } from 'type-graphql';
import type { TenancyContext } from '../../context';
import { Plan } from './plan.type';

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => [Plan], { description: 'Every plan with its limits, cheapest first.' })
  // Plans are data, but the catalog is the three tiers free, pro and enterprise (seeded by migration).
  @Directive('@listSize(assumedSize: 3)')
  plans(@Ctx() { plans }: TenancyContext): Promise<Plan[]> {
    return plans.list();
  }
}
