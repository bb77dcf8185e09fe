import { commonEnvironment, env, parseEnvironment } from '@academy/service-kit';
import { z } from 'zod';

/**
 * The embedded default runs every service in one process, so each needs its own port variable;
 * everything else (DATABASE_URL, REDIS_URL, AMQP_URL, LOG_LEVEL, …) is read by the services' own
 * schemas from the same environment.
 */
export const embeddedEnvironmentSchema = commonEnvironment.extend({
  GATEWAY_PORT: env.port(4000),
  TENANCY_PORT: env.port(4001),
  CONOCER_PORT: env.port(4002),
  ANALYTICS_PORT: env.port(4003),
  CONOCER_SANDBOX_PORT: env.port(4010).describe('Port (on 127.0.0.1) of the bundled CONOCER sandbox, started and used by conocer unless CONOCER_API_URL is set.'),
  /** Shared by every service in the process; unset: in-process bus and in-memory store. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  AMQP_URL: z.string().regex(/^amqps?:\/\//, 'must be an amqp:// URL').optional(),
  /** Where the SQLite files live when DATABASE_URL is unset. */
  DATA_DIR: z.string().default('.data'),
  /** Create the demo tenants `acme` and `globex` (and some progress) at start. */
  SEED_DEMO: env.bool(true),
});

export type EmbeddedEnvironment = z.infer<typeof embeddedEnvironmentSchema>;

export function loadEmbeddedEnvironment(source: NodeJS.ProcessEnv = process.env): EmbeddedEnvironment {
  return parseEnvironment('embedded', embeddedEnvironmentSchema, source);
}
