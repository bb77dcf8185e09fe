import type { KeyValueStore } from '@academy/cache';
import type { EventBus } from '@academy/event-bus';
import type { AppError, Logger } from '@academy/service-kit';
import { type CostEstimator, type CostModel, createCostEstimator, loadCostModel } from '../cost';
import type { GatewayMetrics } from '../metrics';
import { type AdmissionLimiter, createLimiters, createRefundBatcher, type RedisFailurePolicy, type RefundBatcher } from '../limits';
import { createUsageRecorder, type UsageRecorder } from './usage-recorder';

/** The current supergraph's cost model with its estimator, and the shared budgets. */
export interface DemandControl {
  model(): { model: CostModel; estimator: CostEstimator } | undefined;
  /** Called on every supergraph load or reload: estimates follow the schema the gateway serves. */
  setSupergraph(supergraphSdl: string): void;
  /** Rate limits and the cost debit before execution (one Redis round trip). */
  admission: AdmissionLimiter;
  /** Refunds estimate − actual after execution, coalesced per tenant off the response path. */
  refunds: RefundBatcher;
  usage: UsageRecorder;
  /** Rejections, costs and Redis fallbacks are counted here when set. */
  metrics?: GatewayMetrics;
  close(): Promise<void>;
}

export interface DemandControlOptions {
  /** Redis-backed budgets when the store has Redis, so every replica shares one budget. */
  store: KeyValueStore;
  /** Where each operation's usage record goes (batched). */
  bus: EventBus;
  logger: Logger;
  /** With Redis down, each replica keeps capacity ÷ this many points locally. @default 1 */
  expectedReplicas?: number;
  /** @default 'local' */
  onRedisFailure?: RedisFailurePolicy;
  /** How long a decision waits for Redis before the policy answers. @default 50 */
  redisTimeoutMs?: number;
  /** How long a replica may hold what it reserves of a busy tenant's limits; 0: every request decided in Redis. @default 0 */
  leaseMs?: number;
  /** @default not counted */
  metrics?: GatewayMetrics;
}

export function createDemandControl({ store, bus, logger, expectedReplicas = 1, onRedisFailure = 'local', redisTimeoutMs = 50, leaseMs = 0, metrics }: DemandControlOptions): DemandControl {
  const usage = createUsageRecorder({ bus, logger });
  let current: { model: CostModel; estimator: CostEstimator } | undefined;
  const onLeaseReleaseError = (error: Error) => logger.warn({ err: error }, 'could not give unused limit reservations back; they count until their window passes');
  const limiters = createLimiters({ store, expectedReplicas, onRedisFailure, timeoutMs: redisTimeoutMs, leaseMs, onLeaseReleaseError });
  const { admission, bucket } = limiters;
  const refunds = createRefundBatcher(bucket, (error) => logger.error({ err: error }, 'cost refund failed'));
  return {
    model: () => current,
    setSupergraph(supergraphSdl) {
      try {
        const model = loadCostModel(supergraphSdl);
        current = { model, estimator: createCostEstimator(model.schema, model.directives) };
      } catch (error) {
        // Keep the previous model: the gateway keeps serving the previous schema in that case too.
        logger.error({ err: error }, 'could not read cost directives from the supergraph');
      }
    },
    admission,
    refunds,
    usage,
    metrics,
    close: async () => {
      await refunds.flush();
      await limiters.close();
      await usage.close();
    },
  };
}

/** 429s carry `Retry-After` (whole seconds, rounded up) as clients and proxies expect. */
export function withRetryAfter(error: AppError, retryAfterMs: number | null): AppError {
  const http = error.extensions.http as { status: number; headers?: Map<string, string> };
  if (retryAfterMs !== null) http.headers = new Map([['retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000)))]]);
  return error;
}
