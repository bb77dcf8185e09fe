import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';
import { actualCost, costLimitExceededError } from '../cost';
import { type BucketLimits, checkStructure, costExtension, rateLimitedError, throttledError } from '../limits';
import { type DemandControl, withRetryAfter } from './demand-control';

const MINUTE_MS = 60_000;

/**
 * Per-tenant demand control, in the order that wastes least: structural limits, the static cost
 * estimate against the plan's per-operation maximum, the request rate (tenant and principal), then the
 * cost bucket is debited with the estimate. After execution the bucket is refunded estimate − actual
 * and the response carries `extensions.cost`. Tenant-less requests (public fields only) are not budgeted.
 */
export function useDemandControl(demand: () => DemandControl | undefined): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let debited: { control: DemandControl; key: string; cost: number; limits: BucketLimits; costExtensions: boolean } | undefined;
      return {
        async didResolveOperation({ document, request, contextValue, operationName, queryHash }) {
          const control = demand();
          const costing = control?.model();
          const tenant = contextValue.tenant;
          if (!control || !costing || !tenant) return;
          const { limits } = tenant;
          const [structural] = checkStructure(document, limits, operationName);
          if (structural) throw structural;
          const estimate = costing.estimator.estimate(document, request.variables, operationName, queryHash);
          if (estimate.errors?.length) throw estimate.errors[0];
          if (estimate.cost > limits.maxOperationCost) throw costLimitExceededError(estimate.cost, limits.maxOperationCost);

          const principal = contextValue.principal.subject ?? 'anonymous';
          const rate = await control.rate.hit([
            { key: `rate:${tenant.id}`, limit: limits.requestsPerMinute, windowMs: MINUTE_MS },
            { key: `rate:${tenant.id}:${principal}`, limit: limits.requestsPerMinute, windowMs: MINUTE_MS },
          ]);
          if (!rate.allowed) throw withRetryAfter(rateLimitedError(rate), rate.retryAfterMs);

          const bucketLimits = { capacity: limits.bucketCapacity, restoreRate: limits.restoreRatePerSecond };
          const key = `cost:${tenant.id}`;
          const take = await control.bucket.take(key, estimate.cost, bucketLimits);
          if (!take.allowed) throw withRetryAfter(throttledError(estimate.cost, take, bucketLimits), take.retryAfterMs);
          debited = { control, key, cost: estimate.cost, limits: bucketLimits, costExtensions: tenant.costExtensions };
        },
        async willSendResponse({ response, document, request, operationName }) {
          if (!debited || !document || response.body.kind !== 'single') return;
          const costing = debited.control.model();
          const result = response.body.singleResult;
          const actual = costing ? actualCost(costing.model.schema, costing.model.directives, document, request.variables, result.data, operationName) : debited.cost;
          const refund = await debited.control.bucket.refund(debited.key, Math.max(0, debited.cost - actual), debited.limits);
          if (debited.costExtensions) {
            result.extensions = { ...result.extensions, cost: costExtension(debited.cost, actual, refund.available, debited.limits) };
          }
        },
      };
    },
  };
}
