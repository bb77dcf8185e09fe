import type { DatabaseDialect } from '@academy/subgraph-kit';
import type { Knex, SqlEntityManager } from '@mikro-orm/knex';

export type SqlValue = string | number | Date | null;

/**
 * Raw SQL in the transaction `em` belongs to, if any, with dates bound the way MikroORM stores them
 * (epoch milliseconds on SQLite, timestamptz on PostgreSQL). PostgreSQL goes through knex so
 * parameters stay bound rather than inlined.
 */
export class SqlRunner {
  constructor(
    readonly em: SqlEntityManager,
    readonly dialect: DatabaseDialect,
  ) {}

  /** `table` as raw SQL must name it (schema-qualified on PostgreSQL). */
  table(name: string): string {
    return this.dialect === 'postgresql' ? `"analytics"."${name}"` : `"${name}"`;
  }

  /** A bound timestamp, cast so PostgreSQL knows its type wherever it appears. */
  get timestamp(): string {
    return this.dialect === 'postgresql' ? 'cast(? as timestamptz)' : '?';
  }

  async rows<R>(sql: string, params: SqlValue[] = []): Promise<R[]> {
    if (this.dialect === 'sqlite') return this.em.execute<R[]>(sql, params.map((p) => (p instanceof Date ? p.getTime() : p)), 'all');
    const runner = (this.em.getTransactionContext() as Knex.Transaction | undefined) ?? this.em.getKnex();
    const result = await runner.raw(sql, params);
    return result.rows as R[];
  }

  async run(sql: string, params: SqlValue[] = []): Promise<void> {
    if (this.dialect === 'sqlite') await this.em.execute(sql, params.map((p) => (p instanceof Date ? p.getTime() : p)), 'run');
    else await this.rows(sql, params);
  }
}

/** PostgreSQL returns bigint and numeric aggregates as strings, SQLite dates as epoch milliseconds. */
export const toNumber = (value: number | string | null | undefined): number => Number(value ?? 0);
export const toDate = (value: Date | number | string): Date => new Date(value);
