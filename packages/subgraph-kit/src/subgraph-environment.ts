import { commonEnvironment, env } from '@academy/service-kit';
import { z } from 'zod';

/**
 * Variables every subgraph reads. A subgraph's own `environment.ts` extends this object, so the
 * names are spelled once and the README/compose checks see one schema per service.
 */
export function subgraphEnvironmentSchema(service: string, port: number) {
  return commonEnvironment
    .extend({
      PORT: env.port(port),
      /** PostgreSQL; the service keeps its tables in its own schema. Unset: SQLite at SQLITE_PATH. */
      DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
      SQLITE_PATH: z.string().default(`.data/${service}.sqlite`),
      REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
      AMQP_URL: z.string().regex(/^amqps?:\/\//, 'must be an amqp:// URL').optional(),
      /** The gateway's context-token public key (PEM, SPKI); takes precedence over the JWKS URL. */
      CONTEXT_TOKEN_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY').optional(),
      CONTEXT_TOKEN_JWKS_URL: env.url().default('http://localhost:4000/.well-known/jwks.json'),
    });
}

export type SubgraphEnvironment = z.infer<ReturnType<typeof subgraphEnvironmentSchema>>;
