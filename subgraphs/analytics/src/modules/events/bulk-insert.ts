import type { DatabaseDialect } from '@academy/subgraph-kit';
import type { Knex, SqlEntityManager } from '@mikro-orm/knex';

/** A column of a bulk insert: its name and its PostgreSQL type (for `jsonb_to_recordset`). */
export interface BulkColumn {
  name: string;
  pg: 'uuid' | 'varchar' | 'timestamptz' | 'double precision' | 'integer' | 'jsonb';
}

export type BulkValue = string | number | Date | null | object;

export interface BulkInsert {
  /** Schema-qualified on PostgreSQL (`analytics.analytics_events`), plain on SQLite. */
  table: string;
  columns: readonly BulkColumn[];
  rows: readonly BulkValue[][];
  /** `on conflict do nothing` on these columns (any unique constraint when empty). */
  ignoreConflicts?: boolean;
  /** Columns of the rows actually inserted (those not ignored). */
  returning?: readonly string[];
}

/** SQLite allows 32,766 bound parameters; chunks stay well below. */
const SQLITE_MAX_PARAMETERS = 30_000;

const quote = (name: string) => `"${name}"`;

/**
 * Many rows in few statements. PostgreSQL gets one statement with one parameter whatever the row
 * count (`jsonb_to_recordset`), which parses and plans in constant time: the ingestion hot path. SQLite
 * gets multi-row VALUES in chunks. Values are converted the way MikroORM stores them (dates as epoch
 * milliseconds and JSON as text on SQLite), so the ORM reads these rows like its own. Runs in the
 * transaction `em` belongs to, if any.
 */
export async function bulkInsert<R = Record<string, unknown>>(em: SqlEntityManager, dialect: DatabaseDialect, insert: BulkInsert): Promise<R[]> {
  if (insert.rows.length === 0) return [];
  return dialect === 'postgresql' ? insertPostgres<R>(em, insert) : insertSqlite<R>(em, insert);
}

async function insertPostgres<R>(em: SqlEntityManager, { table, columns, rows, ignoreConflicts, returning }: BulkInsert): Promise<R[]> {
  const names = columns.map((c) => quote(c.name)).join(', ');
  const record = columns.map((c) => `${quote(c.name)} ${c.pg}`).join(', ');
  const objects = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c.name, row[i] instanceof Date ? (row[i] as Date).toISOString() : row[i]])));
  const sql =
    `insert into ${table} (${names}) select ${names} from jsonb_to_recordset(?::jsonb) as x(${record})` +
    (ignoreConflicts ? ' on conflict do nothing' : '') +
    (returning?.length ? ` returning ${returning.map(quote).join(', ')}` : '');
  // Through knex, not `em.execute`: MikroORM inlines parameters into the SQL text, which would escape
  // and re-parse the whole JSON document; knex sends it as one bound parameter. Same transaction either way.
  const runner = (em.getTransactionContext() as Knex.Transaction | undefined) ?? em.getKnex();
  const result = await runner.raw(sql, [JSON.stringify(objects)]);
  return returning?.length ? (result.rows as R[]) : [];
}

function sqliteValue(value: BulkValue, column: BulkColumn): string | number | null {
  if (value === null) return null;
  if (value instanceof Date) return value.getTime();
  if (column.pg === 'jsonb') return JSON.stringify(value);
  return value as string | number;
}

async function insertSqlite<R>(em: SqlEntityManager, { table, columns, rows, ignoreConflicts, returning }: BulkInsert): Promise<R[]> {
  const perChunk = Math.max(1, Math.floor(SQLITE_MAX_PARAMETERS / columns.length));
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const out: R[] = [];
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const sql =
      `insert into ${quote(table)} (${columns.map((c) => quote(c.name)).join(', ')}) values ${chunk.map(() => placeholders).join(', ')}` +
      (ignoreConflicts ? ' on conflict do nothing' : '') +
      (returning?.length ? ` returning ${returning.map(quote).join(', ')}` : '');
    const params = chunk.flatMap((row) => row.map((value, i) => sqliteValue(value, columns[i]!)));
    const result = await em.execute<R[]>(sql, params, returning?.length ? 'all' : 'run');
    if (returning?.length) out.push(...result);
  }
  return out;
}
