import { type EventBus, newEvent } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';

/** The usage log's event (the analytics subgraph stores it in `api_request`). */
export const API_OPERATION_RECORDED = 'api.operation.recorded';

export interface UsageRecord {
  tenantId: string;
  principalKind: 'user' | 'api_key' | 'anonymous';
  principalId: string | null;
  operationName: string | null;
  operationType: 'query' | 'mutation' | 'subscription';
  estimatedCost: number;
  actualCost: number | null;
  status: 'ok' | 'error' | 'rejected';
  rejectionCode: string | null;
  latencyMs: number;
  at: string;
}

export interface UsageRecorder {
  record(record: UsageRecord): void;
  close(): Promise<void>;
}

export interface UsageRecorderOptions {
  bus: EventBus;
  logger: Logger;
  /** @default 1000 */
  flushIntervalMs?: number;
  /** A batch is published as soon as it holds this many records. @default 500 */
  maxBatch?: number;
  /** While the bus is down, at most this many records wait; older ones are dropped and counted in the log. @default 10_000 */
  maxPending?: number;
}

/**
 * Off the hot path: requests only append to an array; a timer publishes the batch as one event.
 * A broker outage keeps a bounded backlog rather than slowing or failing requests.
 */
export function createUsageRecorder({ bus, logger, flushIntervalMs = 1000, maxBatch = 500, maxPending = 10_000 }: UsageRecorderOptions): UsageRecorder {
  let pending: UsageRecord[] = [];
  let flushing: Promise<void> | undefined;

  const flush = async (): Promise<void> => {
    if (flushing || pending.length === 0) return flushing;
    const records = pending.splice(0, maxBatch);
    flushing = bus
      .publish(newEvent(API_OPERATION_RECORDED, null, { records }))
      .catch((error: unknown) => {
        pending = records.concat(pending);
        const dropped = pending.length - maxPending;
        if (dropped > 0) pending.splice(0, dropped);
        logger.warn({ err: error, waiting: pending.length, dropped: Math.max(0, dropped) }, 'usage records not published yet');
      })
      .finally(() => {
        flushing = undefined;
      });
    return flushing;
  };

  const timer = setInterval(() => void flush(), flushIntervalMs);
  timer.unref();
  return {
    record(record) {
      pending.push(record);
      if (pending.length >= maxBatch) void flush();
    },
    async close() {
      clearInterval(timer);
      await flushing;
      while (pending.length) {
        const before = pending.length;
        await flush();
        if (pending.length >= before) break;
      }
    },
  };
}
