import { commonEnvironment, env } from '@academy/service-kit';
import { z } from 'zod';

/** PEMs passed through .env files or compose often arrive with literal `\n`s. */
const pem = (what: string) =>
  z
    .string()
    .transform((v) => v.replace(/\\n/g, '\n').trim())
    .refine((v) => v.includes('-----BEGIN '), `expected a PEM ${what}`);

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
      CONTEXT_TOKEN_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY').optional().describe('The gateway\u2019s context-token public key (SPKI PEM); takes precedence over CONTEXT_TOKEN_JWKS_URL.'),
      CONTEXT_TOKEN_JWKS_URL: env.url().default('http://localhost:4000/.well-known/jwks.json').describe('Where the gateway publishes its context-token key (ES256).'),
      CONTEXT_TOKEN_KEY: z
        .string()
        .regex(/^[A-Za-z0-9_-]{43}$/, 'expected the 32-byte key `npm run context-key -- <subgraph>` prints (base64url)')
        .optional()
        .describe('This subgraph\u2019s own HS256 key when the gateway signs with CONTEXT_TOKEN_SECRET (`npm run context-key -- <subgraph>` prints it); takes precedence over both above.'),
      TLS_CERT: pem('certificate').optional().describe('Serve HTTPS with this certificate (PEM; with TLS_KEY). Unset: plain HTTP.'),
      TLS_KEY: pem('private key').optional().describe('The private key of TLS_CERT (PEM).'),
      TLS_CLIENT_CA: pem('CA certificate')
        .optional()
        .describe('Require client certificates signed by this CA (mTLS: only the gateway, holding one, can connect). Needs TLS_CERT.'),
      // Pairing (TLS_CERT with TLS_KEY, TLS_CLIENT_CA only with both) is checked by the runtime: services
      // `.extend()` this object, which zod refuses once it carries refinements.
    });
}

export type SubgraphEnvironment = z.infer<ReturnType<typeof subgraphEnvironmentSchema>>;
