import type { DatabaseDialect } from '@academy/subgraph-kit';

/** The service's PostgreSQL schema (see `createDatabase`): raw SQL names tables with it there. */
const SCHEMA = 'analytics';

/** A table name as raw SQL must spell it on the dialect. */
export function qualifiedTable(dialect: DatabaseDialect, table: string): string {
  return dialect === 'postgresql' ? `"${SCHEMA}"."${table}"` : table;
}
