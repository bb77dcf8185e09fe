import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A commercial tier; its limits are data (seeded by migration, editable without a deploy). */
@Entity({ tableName: 'plan' })
export class PlanEntity {
  @PrimaryKey({ type: 'string', length: 32 }) code: string;
  @Property({ type: 'string' }) name: string;
  @Property({ type: 'integer' }) maxOperationCost: number;
  @Property({ type: 'integer' }) bucketCapacity: number;
  @Property({ type: 'integer' }) restoreRatePerSecond: number;
  @Property({ type: 'integer' }) requestsPerMinute: number;
  /** The column's default only fills rows that predate it; each plan sets its own. */
  @Property({ type: 'integer', default: 60 }) callerRequestsPerMinute: number;
  @Property({ type: 'integer' }) maxDepth: number;
  @Property({ type: 'integer' }) maxAliases: number;
  @Property({ type: 'integer' }) maxRootFields: number;
  @Property({ type: 'integer' }) maxTokens: number;
  @Property({ type: 'integer' }) maxDocumentBytes: number;
  @Property({ type: 'integer' }) maxSubscriptions: number;
}
