import type { Logger } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';

/** The partitions' names: the ORM's schema diff must leave them alone (`unmanagedTables`), as they come and go at run time. */
export const EVENT_PARTITION_TABLES = /^analytics_events_(default|y\d{4}m\d{2})$/;
const SCHEMA = 'analytics';
const PARENT = `"${SCHEMA}"."analytics_events"`;
const DEFAULT_PARTITION = `"${SCHEMA}"."analytics_events_default"`;

export interface PartitionManagerOptions {
  /** Months after the current one that get their partition in advance. @default 3 */
  monthsAhead?: number;
}

const monthStart = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
const addMonths = (date: Date, months: number) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
const nameOf = (month: Date) => `analytics_events_y${month.getUTCFullYear()}m${String(month.getUTCMonth() + 1).padStart(2, '0')}`;

/**
 * Keeps PostgreSQL's `analytics_events` partitioned by month (declarative partitioning). The current
 * month and the next few always have their partition; an event outside them (a late or back-filled
 * one) lands in the default partition, so an insert never fails for want of one, and the next run
 * moves such rows into a partition of their own month. Runs at start and daily (`scheduled jobs`).
 */
export class PartitionManager {
  private readonly monthsAhead: number;

  constructor(
    private readonly em: EntityManager,
    private readonly logger: Logger,
    options: PartitionManagerOptions = {},
  ) {
    this.monthsAhead = options.monthsAhead ?? 3;
  }

  /** Creates the partitions that are due; returns the names of those created. */
  async ensure(now = new Date()): Promise<string[]> {
    const connection = this.em.getConnection();
    const wanted = new Map<string, Date>();
    for (let i = 0; i <= this.monthsAhead; i++) {
      const month = addMonths(monthStart(now), i);
      wanted.set(nameOf(month), month);
    }
    const stray = await connection.execute<{ month: string }[]>(`select distinct to_char(occurred_at at time zone 'UTC', 'YYYY-MM') as month from ${DEFAULT_PARTITION}`);
    for (const { month } of stray) {
      const start = new Date(`${month}-01T00:00:00.000Z`);
      wanted.set(nameOf(start), start);
    }
    const existing = new Set((await this.list()).map((p) => p.name));
    const created: string[] = [];
    for (const [name, month] of [...wanted].sort(([a], [b]) => a.localeCompare(b))) {
      if (existing.has(name)) continue;
      await this.create(name, month);
      created.push(name);
    }
    if (created.length) this.logger.info({ partitions: created }, 'created analytics_events partitions');
    return created;
  }

  /** The monthly partitions attached now, in month order (the default partition excluded). */
  async list(): Promise<{ name: string; from: Date; to: Date }[]> {
    const rows: { name: string; bound: string }[] = await this.em.getConnection().execute(
      `select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
         from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = '${PARENT}'::regclass and c.relname <> 'analytics_events_default'
        order by c.relname`,
    );
    return rows.map(({ name, bound }) => {
      const [from, to] = [...bound.matchAll(/'([^']+)'/g)].map((m) => new Date(m[1]!));
      return { name, from: from!, to: to! };
    });
  }

  /**
   * Creates the month's partition in one transaction: a table like the parent, the month's rows moved
   * out of the default partition into it (PostgreSQL refuses to attach a range the default still
   * holds rows of), then attached. Indexes follow from the parent's partitioned indexes.
   */
  private async create(name: string, month: Date): Promise<void> {
    const table = `"${SCHEMA}"."${name}"`;
    const from = month.toISOString();
    const to = addMonths(month, 1).toISOString();
    await this.em.transactional(async (tx) => {
      const connection = tx.getConnection();
      const ctx = tx.getTransactionContext();
      await connection.execute(`create table ${table} (like ${PARENT} including defaults including constraints)`, [], 'run', ctx);
      await connection.execute(
        `with moved as (delete from ${DEFAULT_PARTITION} where occurred_at >= ? and occurred_at < ? returning *) insert into ${table} select * from moved`,
        [from, to],
        'run',
        ctx,
      );
      await connection.execute(`alter table ${PARENT} attach partition ${table} for values from ('${from}') to ('${to}')`, [], 'run', ctx);
    });
  }
}
