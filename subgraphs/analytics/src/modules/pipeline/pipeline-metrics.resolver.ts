import { Ctx, Query, Resolver } from 'type-graphql';
import type { AnalyticsContext } from '../../context';
import { PipelineMetricsView } from './pipeline-metrics.type';

@Resolver(() => PipelineMetricsView)
export class PipelineMetricsResolver {
  @Query(() => PipelineMetricsView, { description: "The answering analytics replica's pipeline metrics (platform admins)." })
  pipelineMetrics(@Ctx() { pipelineMetrics }: AnalyticsContext): Promise<PipelineMetricsView> {
    return pipelineMetrics.snapshot();
  }
}
