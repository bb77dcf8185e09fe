import { parseEnvironment } from '@academy/service-kit';
import { subgraphEnvironmentSchema } from '@academy/subgraph-kit';
import { z } from 'zod';

/**
 * Used only outside production when API_KEY_SIGNING_KEY is unset, with a warning at start: request
 * signing secrets derived from a public key are public, which is fine for the embedded demo only.
 */
export const DEVELOPMENT_API_KEY_SIGNING_KEY = 'academy-development-api-key-signing-key-not-secret';

export const tenancyEnvironmentSchema = subgraphEnvironmentSchema('tenancy', 4001)
  .extend({
    API_KEY_SIGNING_KEY: z
      .string()
      .min(32)
      .optional()
      .describe('HMAC key from which each API key’s request-signing secret is derived. Required in production; a public development default otherwise.'),
    LEARNER_BLOCKING_PERIOD_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .default(30 * 86_400)
      .describe('How long a cancelled learner’s data stays blocked before it is deleted (LFPDPPP’s blocking period), unless an admin confirms the deletion earlier. Default 30 days.'),
    PRIVACY_RELAY_INTERVAL_MS: z.coerce
      .number()
      .int()
      .min(10)
      .max(3_600_000)
      .default(5_000)
      .describe('How often cancellation steps not yet published (a broker outage) are retried and blocking periods that ran out are turned into deletions.'),
  })
  // `when` runs the refinement even when other variables failed, so every problem is reported at once.
  .refine((v) => v.NODE_ENV !== 'production' || v.API_KEY_SIGNING_KEY !== undefined, {
    path: ['API_KEY_SIGNING_KEY'],
    message: 'required in production',
    when: () => true,
  });

export type TenancyEnvironment = Omit<z.infer<typeof tenancyEnvironmentSchema>, 'API_KEY_SIGNING_KEY'> & { API_KEY_SIGNING_KEY: string };

export function loadTenancyEnvironment(source: NodeJS.ProcessEnv = process.env): TenancyEnvironment {
  const parsed = parseEnvironment('tenancy', tenancyEnvironmentSchema, source);
  return { ...parsed, API_KEY_SIGNING_KEY: parsed.API_KEY_SIGNING_KEY ?? DEVELOPMENT_API_KEY_SIGNING_KEY };
}

export function usesDevelopmentSigningKey(env: TenancyEnvironment): boolean {
  return env.API_KEY_SIGNING_KEY === DEVELOPMENT_API_KEY_SIGNING_KEY;
}
