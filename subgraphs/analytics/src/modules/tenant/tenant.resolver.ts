import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { AnalyticsContext } from '../../context';
import { ProgressEvent, ProgressSummary } from '../progress';
import { Tenant } from './tenant.type';

@Resolver(() => Tenant)
export class TenantResolver {
  @FieldResolver(() => ProgressSummary, { description: "Aggregates over the tenant's progress events (empty for another tenant's caller)." })
  progressSummary(@Root() tenant: Tenant, @Ctx() { loaders }: AnalyticsContext): Promise<ProgressSummary> {
    return loaders.progressSummaryByTenant.load(tenant.id);
  }

  @FieldResolver(() => [ProgressEvent], { description: "The tenant's newest progress events, at most 50 (empty for another tenant's caller)." })
  recentProgress(
    @Root() tenant: Tenant,
    @Ctx() { loaders }: AnalyticsContext,
    @Arg('first', () => Int, { defaultValue: 5 }) first = 5,
  ): Promise<ProgressEvent[]> {
    return loaders.recentProgressByTenant(first).load(tenant.id);
  }
}
