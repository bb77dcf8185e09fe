import { Arg, Ctx, Directive, Query, Resolver } from 'type-graphql';
import type { AnalyticsContext } from '../../context';
import { ApiUsageDay } from './api-usage-day.type';

@Resolver(() => ApiUsageDay)
export class ApiUsageResolver {
  @Query(() => [ApiUsageDay], {
    description:
      "The caller's tenant's API usage per UTC day and operation, for operations received in [`from`, `to`), at most 92 days; days without operations are left out. Tenant admins; a platform admin outside any tenant gets every tenant's operations together.",
  })
  // A month of one operation. Without `operationName` the list is days × operations; the actual cost,
  // measured on the response, corrects for that after the fact.
  @Directive('@listSize(assumedSize: 31)')
  // Each item aggregates a day of requests, not one row: a month of one operation at ~330 requests a
  // day measured like ~160 points of paged reads on PostgreSQL, about 5 per item.
  @Directive('@cost(weight: 5)')
  apiUsage(
    @Ctx() { usage }: AnalyticsContext,
    @Arg('from', () => Date, { description: 'Inclusive.' }) from: Date,
    @Arg('to', () => Date, { description: 'Exclusive.' }) to: Date,
    @Arg('operationName', () => String, { nullable: true, description: 'Only this operation.' }) operationName?: string | null,
  ): Promise<ApiUsageDay[]> {
    return usage.daily({ from, to, operationName });
  }
}
