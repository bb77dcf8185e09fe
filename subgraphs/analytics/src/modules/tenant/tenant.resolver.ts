import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { AnalyticsContext } from '../../context';
import { ProgressEvent, ProgressSummary } from '../progress';
import { Tenant } from './tenant.type';

@Resolver(() => Tenant)
export class TenantResolver {
  @FieldResolver(() => ProgressSummary, { description: "Aggregates over the tenant's progress events (empty for another tenant's caller)." })
  // A two-level GROUP BY over every event the tenant ever recorded, uncached, so it grows with the
  // tenant's history. Measured on PostgreSQL with 20k events it takes longer than a 20-event page
  // of `progressEvents` (≈22 points), so it weighs about as much.
  @Directive('@cost(weight: 20)')
  progressSummary(@Root() tenant: Tenant, @Ctx() { loaders }: AnalyticsContext): Promise<ProgressSummary> {
    return loaders.progressSummaryByTenant.load(tenant.id);
  }

  @FieldResolver(() => [ProgressEvent], { description: "The tenant's newest progress events, at most 50 (empty for another tenant's caller)." })
  @Directive('@listSize(slicingArguments: ["first"])')
  recentProgress(
    @Root() tenant: Tenant,
    @Ctx() { loaders }: AnalyticsContext,
    @Arg('first', () => Int, { defaultValue: 5 }) first = 5,
  ): Promise<ProgressEvent[]> {
    return loaders.recentProgressByTenant(first).load(tenant.id);
  }
}
