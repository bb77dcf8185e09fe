import { Ctx, FieldResolver, Resolver } from 'type-graphql';
import type { ConocerContext } from '../../context';
import { ConocerSync } from './conocer-sync.type';
import { IntegrationMetrics } from './integration-metrics.type';

@Resolver(() => IntegrationMetrics)
export class IntegrationMetricsResolver {
  @FieldResolver(() => ConocerSync, { description: 'The CONOCER integration: sync status, last successful sync, submission backlog, call error rate.' })
  conocerSync(@Ctx() { conocerHealth }: ConocerContext): Promise<ConocerSync> {
    return conocerHealth.status();
  }
}

/** `_entities` resolution: one instance, whatever its id. */
export const integrationMetricsReference = {
  IntegrationMetrics: {
    __resolveReference: ({ id }: { id: string }): IntegrationMetrics => ({ id }),
  },
};
