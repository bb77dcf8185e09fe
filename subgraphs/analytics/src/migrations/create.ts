import { createLogger } from '@academy/service-kit';
import { createMigrations } from '@academy/subgraph-kit';
import { analyticsEntities, analyticsUnmanagedTables } from '../schema';
import { migrations } from '.';

createMigrations({
  service: 'analytics',
  entities: analyticsEntities,
  unmanagedTables: analyticsUnmanagedTables,
  migrations,
  logger: createLogger({ service: 'analytics', level: 'warn' }),
  migrationsDir: __dirname,
  postgresAdminUrl: process.env.POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
}).then((files) => console.log(files.length ? `wrote ${files.join(', ')}` : 'entities match the migrations; nothing written'));
