import type { DatabaseDialect } from '@academy/subgraph-kit';
import type { MigrationObject } from '@mikro-orm/core';
import { migrations as postgresql } from './postgresql';
import { migrations as sqlite } from './sqlite';

export const migrations: Record<DatabaseDialect, MigrationObject[]> = { postgresql, sqlite };
