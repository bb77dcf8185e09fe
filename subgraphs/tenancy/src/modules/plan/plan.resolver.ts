import { Ctx, Query, Resolver } from 'type-graphql';
import type { TenancyContext } from '../../context';
import { Plan } from './plan.type';

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => [Plan], { description: 'Every plan with its limits, cheapest first.' })
  plans(@Ctx() { plans }: TenancyContext): Promise<Plan[]> {
    return plans.list();
  }
}
