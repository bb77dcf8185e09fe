import type { Logger, Principal } from '@academy/service-kit';
import type { DocumentNode } from 'graphql';
import { costLimitExceededError } from '../cost';
import { type BucketLimits, checkStructure, LIMIT_REJECTION_CODES, rateLimitedError, throttledError } from '../limits';
import type { TenantAccess } from '../tenancy/tenant-access';
import { type DemandControl, withRetryAfter } from './demand-control';

const MINUTE_MS = 60_000;

export interface OperationToAdmit {
  document: DocumentNode;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
  /** Caches the estimate per document (Apollo's `queryHash`). */
  documentKey: string | undefined;
  tenant: TenantAccess;
  principal: Principal;
  logger: Logger;
}

/** What was debited, so the caller can refund estimate − actual. */
export interface Admission {
  estimated: number;
  key: string;
  limits: BucketLimits;
  /** Points left in the bucket right after the debit. */
  available: number;
}

/**
 * The checks before execution, in the order that wastes least: structural limits, the static cost
 * estimate against the plan's per-operation maximum, the request rate (tenant and principal) and
 * the debit of the estimate from the cost bucket (together: one Redis round trip). Throws the refusal (an AppError with its status and
 * `Retry-After`); `onEstimate` sees the estimate even when a later check refuses.
 */
export async function admitOperation(control: DemandControl, operation: OperationToAdmit, onEstimate?: (cost: number) => void): Promise<Admission | undefined> {
  try {
    return await admit(control, operation, onEstimate);
  } catch (error) {
    const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
    if (typeof code === 'string' && LIMIT_REJECTION_CODES.has(code)) control.metrics?.rejection(code);
    throw error;
  }
}

async function admit(control: DemandControl, operation: OperationToAdmit, onEstimate?: (cost: number) => void): Promise<Admission | undefined> {
  const costing = control.model();
  if (!costing) return undefined;
  const { tenant, principal, logger } = operation;
  const { limits } = tenant;
  const [structural] = checkStructure(operation.document, limits, operation.operationName);
  if (structural) throw structural;
  const estimate = costing.estimator.estimate(operation.document, operation.variables, operation.operationName, operation.documentKey);
  onEstimate?.(estimate.cost);
  control.metrics?.cost('estimated', estimate.cost);
  if (estimate.errors?.length) throw estimate.errors[0];
  if (estimate.cost > limits.maxOperationCost) throw costLimitExceededError(estimate.cost, limits.maxOperationCost);

  const subject = principal.subject ?? 'anonymous';
  const key = `cost:${tenant.id}`;
  const bucketLimits = { capacity: limits.bucketCapacity, restoreRate: limits.restoreRatePerSecond };
  const { rate, take, leased } = await control.admission.admit({
    rate: [
      { key: `rate:${tenant.id}`, limit: limits.requestsPerMinute, windowMs: MINUTE_MS },
      { key: `rate:${tenant.id}:${subject}`, limit: limits.callerRequestsPerMinute, windowMs: MINUTE_MS },
    ],
    key,
    cost: estimate.cost,
    limits: bucketLimits,
  });
  // Redis did not answer in time: the configured failure policies decided instead.
  const error = rate.error ?? take?.error;
  if (error) logger.warn({ err: error, path: rate.path }, 'limits decided without Redis');
  if (rate.error) control.metrics?.redisFallback('rate', rate.path);
  if (take?.error) control.metrics?.redisFallback('bucket', take.path);
  if (leased) control.metrics?.leasedAdmission();
  if (!rate.allowed || !take) throw withRetryAfter(rateLimitedError(rate), rate.retryAfterMs);
  if (!take.allowed) throw withRetryAfter(throttledError(estimate.cost, take, bucketLimits), take.retryAfterMs);
  return { estimated: estimate.cost, key, limits: bucketLimits, available: take.available };
}
