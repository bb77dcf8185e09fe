import { join } from 'node:path';
import { type MigrationToolOptions, pendingSchemaChanges } from '@academy/subgraph-kit';
import { describe, expect, it } from 'vitest';
import { migrations } from '../src/migrations';
import { conocerEntities } from '../src/schema';
import { dialects, logger, postgresAdminUrl } from './harness';

describe.each(dialects)('committed migrations on $name', ({ name, enabled }) => {
  it.runIf(enabled)('match the entities', async () => {
    const options: MigrationToolOptions = {
      service: 'conocer',
      entities: conocerEntities,
      migrations,
      logger,
      migrationsDir: join(__dirname, '..', 'src', 'migrations'),
      // Only the PostgreSQL check creates (and drops) a scratch database on this server.
      postgresAdminUrl: postgresAdminUrl ?? '',
    };
    expect(await pendingSchemaChanges(options, name)).toBe('');
  });
});
