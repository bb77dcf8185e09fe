import type { Logger } from '@academy/service-kit';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { type EntityClass, type EntitySchema, type MigrationObject, MikroORM, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type DatabaseDialect = 'postgresql' | 'sqlite';

export interface DatabaseOptions {
  /** Also the PostgreSQL schema the service owns: subgraphs never share tables. */
  service: string;
  entities: (EntityClass<unknown> | EntitySchema)[];
  /** PostgreSQL when set; otherwise SQLite at `sqlitePath`. */
  databaseUrl?: string | null;
  /** A file (the embedded default keeps them under `.data/`) or `:memory:`. */
  sqlitePath: string;
  migrations: Record<DatabaseDialect, MigrationObject[]>;
  logger: Logger;
  /** Run pending migrations on start. @default true */
  migrate?: boolean;
  /**
   * Tables the service creates and drops itself at run time (e.g. PostgreSQL partitions): the ORM's
   * schema diff (migrations, drift checks) ignores them. @default []
   */
  unmanagedTables?: (string | RegExp)[];
}

export interface Database {
  orm: MikroORM;
  dialect: DatabaseDialect;
  readiness(): { name: string; check(): Promise<void> };
  close(): Promise<void>;
}

export function dialectOf(databaseUrl?: string | null): DatabaseDialect {
  return databaseUrl ? 'postgresql' : 'sqlite';
}

/** MikroORM options for either dialect; also used by the migration generator. */
export function databaseConfig({ service, entities, databaseUrl, sqlitePath, migrations, logger, unmanagedTables = [] }: DatabaseOptions): Options {
  const dialect = dialectOf(databaseUrl);
  const common: Options = {
    entities,
    // Request code must fork the EntityManager; a global one would leak identity maps across tenants.
    allowGlobalContext: false,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: { migrationsList: migrations[dialect], transactional: true, snapshot: false, tableName: 'mikro_orm_migrations' },
    logger: (message) => logger.debug({ orm: message }),
    forceUtcTimezone: true,
    schemaGenerator: { skipTables: unmanagedTables },
  };
  if (dialect === 'postgresql') {
    return { ...common, driver: PostgreSqlDriver, clientUrl: databaseUrl!, schema: service, pool: { min: 0, max: 10 } };
  }
  return { ...common, driver: BetterSqliteDriver, dbName: sqlitePath };
}

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  const dialect = dialectOf(options.databaseUrl);
  if (dialect === 'sqlite' && options.sqlitePath !== ':memory:') mkdirSync(dirname(options.sqlitePath), { recursive: true });
  const orm = await MikroORM.init(databaseConfig(options));
  if (dialect === 'postgresql') await orm.em.getConnection().execute(`create schema if not exists "${options.service}"`);
  if (options.migrate ?? true) {
    const applied = await orm.getMigrator().up();
    if (applied.length) options.logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
  }
  return {
    orm,
    dialect,
    readiness: () => ({
      name: dialect,
      check: async () => {
        await orm.em.getConnection().execute('select 1');
      },
    }),
    close: () => orm.close(true),
  };
}
