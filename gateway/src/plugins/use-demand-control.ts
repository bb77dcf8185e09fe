import type { ApolloServerPlugin } from '@apollo/server';
import type { Principal } from '@academy/service-kit';
import type { GatewayContext } from '../context';
import { actualCost } from '../cost';
import { type BucketLimits, costExtension, LIMIT_REJECTION_CODES } from '../limits';
import { admitOperation } from './admit-operation';
import type { DemandControl } from './demand-control';

function principalKind({ authMethod }: Principal) {
  if (authMethod === 'api_key' || authMethod === 'hmac') return 'api_key' as const;
  return authMethod === 'anonymous' ? ('anonymous' as const) : ('user' as const);
}

/**
 * Per-tenant demand control, in the order that wastes least: structural limits, the static cost
 * estimate against the plan's per-operation maximum, the request rate (tenant and principal) and the
 * debit of the estimate from the cost bucket, in one Redis round trip. After execution the bucket is
 * refunded estimate − actual without delaying the response, which carries `extensions.cost`. Tenant-less requests (public fields only) are not budgeted.
 */
export function useDemandControl(demand: () => DemandControl | undefined): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const startedAt = performance.now();
      let estimated = 0;
      let debited: { control: DemandControl; key: string; cost: number; limits: BucketLimits; available: number; costExtensions: boolean } | undefined;
      return {
        async didResolveOperation({ document, request, contextValue, operationName, queryHash }) {
          const control = demand();
          const { tenant, principal, logger } = contextValue;
          if (!control || !tenant) return;
          const admission = await admitOperation(
            control,
            { document, variables: request.variables, operationName: operationName ?? undefined, documentKey: queryHash, tenant, principal, logger },
            (cost) => {
              estimated = cost;
            },
          );
          if (admission) debited = { control, key: admission.key, cost: admission.estimated, limits: admission.limits, available: admission.available, costExtensions: tenant.costExtensions };
        },
        async willSendResponse({ response, document, request, operationName, operation, contextValue }) {
          const control = demand();
          if (!control || !contextValue.tenant || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          let actual: number | null = null;
          if (debited && document) {
            const costing = debited.control.model();
            actual = costing ? actualCost(costing.model.schema, costing.model.directives, document, request.variables, result.data, operationName) : debited.cost;
            debited.control.metrics?.cost('actual', actual);
            const refund = Math.max(0, debited.cost - actual);
            // Off the response path: the client is told the balance after the debit plus its own refund.
            debited.control.refunds.refund(debited.key, refund, debited.limits);
            if (debited.costExtensions) {
              const available = Math.min(debited.limits.capacity, debited.available + refund);
              result.extensions = { ...result.extensions, cost: costExtension(debited.cost, actual, available, debited.limits) };
            }
          }
          const code = result.errors?.[0]?.extensions?.code;
          const rejected = typeof code === 'string' && LIMIT_REJECTION_CODES.has(code);
          control.usage.record({
            tenantId: contextValue.tenant.id,
            principalKind: principalKind(contextValue.principal),
            principalId: contextValue.principal.subject,
            operationName: operationName ?? null,
            operationType: operation?.operation ?? 'query',
            estimatedCost: estimated,
            actualCost: actual,
            status: rejected ? 'rejected' : result.errors?.length ? 'error' : 'ok',
            rejectionCode: rejected ? code : null,
            latencyMs: Math.round(performance.now() - startedAt),
            at: new Date().toISOString(),
          });
        },
      };
    },
  };
}
