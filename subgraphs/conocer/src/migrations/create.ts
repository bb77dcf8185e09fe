import { createLogger } from '@academy/service-kit';
import { createMigrations } from '@academy/subgraph-kit';
import { conocerEntities } from '../schema';
import { migrations } from '.';

createMigrations({
  service: 'conocer',
  entities: conocerEntities,
  migrations,
  logger: createLogger({ service: 'conocer', level: 'warn' }),
  migrationsDir: __dirname,
  postgresAdminUrl: process.env.POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
}).then((files) => console.log(files.length ? `wrote ${files.join(', ')}` : 'entities match the migrations; nothing written'));
