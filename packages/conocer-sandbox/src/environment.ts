import { commonEnvironment, env, parseEnvironment } from '@academy/service-kit';
import { z } from 'zod';

/**
 * The credentials the sandbox accepts when none are configured, outside production only. They are
 * public (the conocer subgraph has the same development defaults), so `npm start` works untouched.
 */
export const DEVELOPMENT_CLIENT_ID = 'academy-development';
export const DEVELOPMENT_CLIENT_SECRET = 'academy-development-conocer-secret-not-secret';

const pem = (what: string) =>
  z
    .string()
    .transform((v) => v.replace(/\\n/g, '\n').trim())
    .refine((v) => v.includes('-----BEGIN '), `expected a PEM ${what}`);

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const sandboxEnvironmentSchema = commonEnvironment
  .extend({
    PORT: env.port(4010),
    SANDBOX_CLIENT_ID: z.string().min(1).optional().describe('OAuth2 client id the token endpoint accepts. Default outside production: `academy-development`.'),
    SANDBOX_CLIENT_SECRET: z
      .string()
      .min(16)
      .optional()
      .describe('Its client secret (16+ characters). Required in production; a public development default otherwise.'),
    SANDBOX_TOKEN_TTL_SECONDS: positiveInt(3600).describe('Lifetime of the bearer tokens it issues.'),
    SANDBOX_ISSUANCE_DELAY_MS: z.coerce.number().int().min(0).default(2000).describe('How long after a COMPETENTE submission is received its certificate gets a folio.'),
    SANDBOX_MAX_BATCH_SIZE: positiveInt(500).describe('Largest batch (lote) of submissions accepted in one request.'),
    SANDBOX_ADMIN_TOKEN: z
      .string()
      .min(16)
      .optional()
      .describe('When set, the /admin endpoints (faults, catalog changes, counters) require it in `x-admin-token`. Unset: open; keep the sandbox on a private network.'),
    SANDBOX_TLS_CERT: pem('certificate').optional().describe('Serve HTTPS with this certificate (PEM; with SANDBOX_TLS_KEY). Unset: plain HTTP.'),
    SANDBOX_TLS_KEY: pem('private key').optional().describe('The private key of SANDBOX_TLS_CERT (PEM).'),
  })
  // `when` runs the refinements even when other variables failed, so every problem is reported at once.
  .refine((v) => v.NODE_ENV !== 'production' || v.SANDBOX_CLIENT_SECRET !== undefined, {
    path: ['SANDBOX_CLIENT_SECRET'],
    message: 'required in production',
    when: () => true,
  })
  .refine((v) => (v.SANDBOX_TLS_CERT === undefined) === (v.SANDBOX_TLS_KEY === undefined), {
    path: ['SANDBOX_TLS_KEY'],
    message: 'set SANDBOX_TLS_CERT and SANDBOX_TLS_KEY together, or neither',
    when: () => true,
  });

export type SandboxEnvironment = Omit<z.infer<typeof sandboxEnvironmentSchema>, 'SANDBOX_CLIENT_ID' | 'SANDBOX_CLIENT_SECRET'> & {
  SANDBOX_CLIENT_ID: string;
  SANDBOX_CLIENT_SECRET: string;
};

export function loadSandboxEnvironment(source: NodeJS.ProcessEnv = process.env): SandboxEnvironment {
  const parsed = parseEnvironment('conocer-sandbox', sandboxEnvironmentSchema, source);
  return {
    ...parsed,
    SANDBOX_CLIENT_ID: parsed.SANDBOX_CLIENT_ID ?? DEVELOPMENT_CLIENT_ID,
    SANDBOX_CLIENT_SECRET: parsed.SANDBOX_CLIENT_SECRET ?? DEVELOPMENT_CLIENT_SECRET,
  };
}
