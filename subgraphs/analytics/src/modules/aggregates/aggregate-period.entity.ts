import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Granularity } from './period';

/**
 * The job's ledger, one row per period (all tenants together). A period's aggregate rows are used only
 * while it is fresh: computed, and not marked stale since the computation started. A late event marks
 * it stale (`staleAt`); queries then read that period from the raw events until the job recomputes it.
 */
@Entity({ tableName: 'analytics_aggregate_period' })
export class AggregatePeriodEntity {
  @PrimaryKey({ type: 'string', length: 8 }) granularity: Granularity;
  @PrimaryKey({ type: 'datetime' }) periodStart: Date;
  /** When the computation that wrote the current rows started (events stored before it are counted). */
  @Property({ type: 'datetime', nullable: true }) computedAt: Date | null = null;
  /** When a late event of the period was last stored. */
  @Property({ type: 'datetime', nullable: true }) staleAt: Date | null = null;
}
