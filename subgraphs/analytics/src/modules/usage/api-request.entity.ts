import { TenantScoped } from '@academy/subgraph-kit';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

export type PrincipalKind = 'user' | 'api_key' | 'anonymous';
export type OperationType = 'query' | 'mutation' | 'subscription';
export type RequestStatus = 'ok' | 'error' | 'rejected';

/** One GraphQL operation the gateway served or refused: the usage log metering and billing read. Append-only. */
@Entity({ tableName: 'api_request' })
// Tenant-owned: reads see only the request's tenant, and a flush refuses rows of another.
@TenantScoped()
// Usage reports read one tenant's time range, with or without one operation name.
@Index({ properties: ['tenantId', 'at'] })
@Index({ properties: ['tenantId', 'operationName', 'at'] })
// integrationHealth reads the last minutes of every tenant's traffic.
@Index({ properties: ['at'] })
export class ApiRequestEntity {
  /** Derived from the bus event's id and the record's position, so a redelivered event inserts nothing twice. */
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'string', length: 64 }) tenantId: string;
  @Property({ type: 'string', length: 16 }) principalKind: PrincipalKind;
  /** The user's subject or the API key's id; null for anonymous callers. */
  @Property({ type: 'string', length: 200, nullable: true }) principalId: string | null = null;
  /** Null for anonymous operations; longer names are cut to the column. */
  @Property({ type: 'string', length: 200, nullable: true }) operationName: string | null = null;
  @Property({ type: 'string', length: 16 }) operationType: OperationType;
  @Property({ type: 'double', runtimeType: 'number' }) estimatedCost: number;
  /** Null when the operation never ran (rejected before execution). */
  @Property({ type: 'double', runtimeType: 'number', nullable: true }) actualCost: number | null = null;
  @Property({ type: 'string', length: 16 }) status: RequestStatus;
  /** The error code of a rejection, e.g. `COST_LIMIT_EXCEEDED` or `THROTTLED`. */
  @Property({ type: 'string', length: 64, nullable: true }) rejectionCode: string | null = null;
  @Property({ type: 'double', runtimeType: 'number' }) latencyMs: number;
  /** When the gateway received the operation. */
  @Property({ type: 'datetime' }) at: Date;
}
