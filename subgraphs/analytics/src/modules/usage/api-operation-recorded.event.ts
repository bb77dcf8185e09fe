import { createHash } from 'node:crypto';
import type { DomainEvent } from '@academy/event-bus';
import { z } from 'zod';
import type { ApiRequestEntity } from './api-request.entity';

/** Published by the gateway, one event per operation or per batch of them, off the request path. */
export const API_OPERATION_RECORDED = 'api.operation.recorded';

/** The durable queue analytics stores usage from. */
export const API_USAGE_CONSUMER_GROUP = 'analytics.api-usage';

/**
 * One insert per event: 12 columns × 1,000 rows stays below the bound-parameter limits of SQLite
 * (32,766) and PostgreSQL (65,535). A producer batches at most this many records per event.
 */
export const MAX_RECORDS_PER_EVENT = 1000;

const OPERATION_NAME_LENGTH = 200;
const cost = z.number().finite().nonnegative();
// Producers written in JavaScript tend to omit null fields; missing and null mean the same here.
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? null);

const usageRecord = z.object({
  tenantId: z.string().min(1).max(64),
  principalKind: z.enum(['user', 'api_key', 'anonymous']),
  principalId: optional(z.string().min(1).max(200)),
  // Cut rather than refused: GraphQL puts no bound on names, and a long one is still usage.
  operationName: optional(z.string().min(1).transform((name) => name.slice(0, OPERATION_NAME_LENGTH))),
  operationType: z.enum(['query', 'mutation', 'subscription']),
  estimatedCost: cost,
  actualCost: optional(cost),
  status: z.enum(['ok', 'error', 'rejected']),
  rejectionCode: optional(z.string().min(1).max(64)),
  latencyMs: z.number().finite().nonnegative(),
  at: z.iso.datetime({ offset: true }),
});

export type ApiOperationRecord = z.input<typeof usageRecord>;

/** The payload: one record, or `{ records: [...] }`. */
export type ApiOperationRecordedPayload = ApiOperationRecord | { records: ApiOperationRecord[] };

const usageBatch = z.object({ records: z.array(usageRecord).max(MAX_RECORDS_PER_EVENT) });

/** A row to insert: a plain object of the entity's shape (the insert needs no entity instances). */
export type ApiRequestRow = ApiRequestEntity;

/** A uuid (version 8: custom) from the event id and the record's position: stable across redeliveries. */
export function apiRequestId(eventId: string, index: number): string {
  const hex = createHash('sha256').update(`${eventId}\u0000${index}`).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const issuesOf = (error: z.ZodError, prefix: string) => error.issues.map((issue) => `${[prefix, ...issue.path].filter((p) => p !== '').join('.')}: ${issue.message}`);

/**
 * The rows an `api.operation.recorded` event stores, or why it cannot be stored. All or nothing: a
 * batch with one bad record is refused whole, so it can be replayed intact once the producer is fixed.
 */
export function apiRequestRowsOf(event: DomainEvent): { rows: ApiRequestRow[] } | { problems: string[] } {
  const { payload } = event;
  const isBatch = typeof payload === 'object' && payload !== null && 'records' in payload;
  const parsed = isBatch ? usageBatch.safeParse(payload) : usageRecord.safeParse(payload);
  if (!parsed.success) return { problems: issuesOf(parsed.error, 'payload') };
  const records = 'records' in parsed.data ? parsed.data.records : [parsed.data];
  // An event that names a tenant speaks for that tenant only; batches across tenants leave it null.
  const foreign = event.tenantId == null ? -1 : records.findIndex((record) => record.tenantId !== event.tenantId);
  if (foreign >= 0) return { problems: [`payload.records.${foreign}.tenantId: differs from the event's tenantId`] };
  return { rows: records.map((record, index) => ({ ...record, id: apiRequestId(event.id, index), at: new Date(record.at) })) };
}
