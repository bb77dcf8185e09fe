import { Ctx, Directive, FieldResolver, Query, Resolver } from 'type-graphql';
import type { AnalyticsContext } from '../../context';
import { ApiGatewayMetrics, DataPipelineMetrics, IntegrationMetrics } from './integration-metrics.type';

/** The one `IntegrationMetrics`: its figures are computed by the field resolvers, only when asked for. */
export const PLATFORM: IntegrationMetrics = { id: 'platform' };

@Resolver(() => IntegrationMetrics)
export class IntegrationHealthResolver {
  @Query(() => IntegrationMetrics, { description: 'Health of the integrations from live data: gateway traffic, the CONOCER sync, the events pipeline (platform admins).' })
  @Directive('@cost(weight: 10)')
  integrationHealth(): IntegrationMetrics {
    return PLATFORM;
  }

  @FieldResolver(() => ApiGatewayMetrics)
  apiGateway(@Ctx() { integrationHealth }: AnalyticsContext): Promise<ApiGatewayMetrics> {
    return integrationHealth.apiGateway();
  }

  @FieldResolver(() => DataPipelineMetrics)
  dataPipeline(@Ctx() { integrationHealth }: AnalyticsContext): Promise<DataPipelineMetrics> {
    return integrationHealth.dataPipeline();
  }
}

/** `_entities` resolution: there is one instance, whatever the id asked for. */
export const integrationMetricsReference = {
  IntegrationMetrics: {
    __resolveReference: (): IntegrationMetrics => PLATFORM,
  },
};
