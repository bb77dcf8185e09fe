import { parseEnvironment } from '@academy/service-kit';
import { subgraphEnvironmentSchema } from '@academy/subgraph-kit';
import { Cron } from 'croner';
import { z } from 'zod';

/**
 * Used only outside production when the CONOCER variables are unset: the bundled sandbox's public
 * development credentials and its default address, so `npm start` works with nothing configured.
 */
export const DEVELOPMENT_CONOCER = {
  apiUrl: 'http://localhost:4010',
  clientId: 'academy-development',
  clientSecret: 'academy-development-conocer-secret-not-secret',
} as const;

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** A cron expression croner accepts (5 or 6 fields), or `off`. */
const schedule = z
  .string()
  .trim()
  .refine((value) => {
    if (value === 'off') return true;
    try {
      new Cron(value, { paused: true }).stop();
      return true;
    } catch {
      return false;
    }
  }, 'must be a cron expression (e.g. `0 3 * * *`) or `off`');

const timezone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone, e.g. America/Mexico_City');

const SHA256_PIN = /^(?:[0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$|^[A-Za-z0-9+/]{43}=$/;

const REQUIRED_IN_PRODUCTION = ['CONOCER_API_URL', 'CONOCER_CLIENT_ID', 'CONOCER_CLIENT_SECRET'] as const;

export const conocerEnvironmentSchema = subgraphEnvironmentSchema('conocer', 4002)
  .extend({
    CONOCER_API_URL: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('Root of the CONOCER API. Required in production; outside it, the bundled sandbox at http://localhost:4010 (`npm start` points it at the sandbox it starts).'),
    CONOCER_CLIENT_ID: z.string().min(1).optional().describe('OAuth2 client id for the CONOCER API. Required in production; the sandbox’s development client otherwise.'),
    CONOCER_CLIENT_SECRET: z.string().min(16).optional().describe('Its client secret. Required in production; the sandbox’s public development secret otherwise.'),
    CONOCER_PINNED_CERT_SHA256: z
      .string()
      .optional()
      .transform((v) => (v ? v.split(',').map((pin) => pin.trim()).filter(Boolean) : []))
      .refine((pins) => pins.every((pin) => SHA256_PIN.test(pin)), 'each pin is a SHA-256 fingerprint: 64 hex digits (colons allowed) or 44 base64 characters')
      .describe('Comma list of SHA-256 certificate fingerprints, one of which the CONOCER server’s chain must contain (https only). Unset: no pinning (TLS 1.3 and CA checks still apply).'),
    CONOCER_TIMEOUT_MS: positiveInt(10_000).describe('Each HTTP request to CONOCER gives up after this long.'),
    CONOCER_MAX_ATTEMPTS: positiveInt(4).describe('Attempts per CONOCER call (retryable failures only; backoff honours Retry-After).'),
    CONOCER_BREAKER_FAILURE_THRESHOLD: positiveInt(5).describe('Consecutive unavailable/timeout failures that open the circuit to CONOCER.'),
    CONOCER_BREAKER_HALF_OPEN_AFTER_MS: positiveInt(30_000).describe('How long the circuit stays open before one probe call.'),
    STANDARDS_SYNC_SCHEDULE: schedule.default('0 3 * * *').describe('When the standards catalog syncs from CONOCER (cron, in STANDARDS_SYNC_TIMEZONE): incremental, or full when no sync has succeeded yet. `off` disables it.'),
    STANDARDS_SYNC_TIMEZONE: timezone.default('America/Mexico_City').describe('Time zone of STANDARDS_SYNC_SCHEDULE.'),
  })
  // `when` runs the refinement even when other variables failed, so every problem is reported at once.
  .superRefine((v, ctx) => {
    if (v.NODE_ENV !== 'production') return;
    for (const name of REQUIRED_IN_PRODUCTION) if (v[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'required in production' });
  });

type Parsed = z.infer<typeof conocerEnvironmentSchema>;
export type ConocerEnvironment = Omit<Parsed, (typeof REQUIRED_IN_PRODUCTION)[number]> & { CONOCER_API_URL: string; CONOCER_CLIENT_ID: string; CONOCER_CLIENT_SECRET: string };

export function loadConocerEnvironment(source: NodeJS.ProcessEnv = process.env): ConocerEnvironment {
  const parsed = parseEnvironment('conocer', conocerEnvironmentSchema, source);
  return {
    ...parsed,
    CONOCER_API_URL: parsed.CONOCER_API_URL ?? DEVELOPMENT_CONOCER.apiUrl,
    CONOCER_CLIENT_ID: parsed.CONOCER_CLIENT_ID ?? DEVELOPMENT_CONOCER.clientId,
    CONOCER_CLIENT_SECRET: parsed.CONOCER_CLIENT_SECRET ?? DEVELOPMENT_CONOCER.clientSecret,
  };
}

/** True when the public development credentials are in use (a warning at start). */
export function usesDevelopmentConocerCredentials(env: ConocerEnvironment): boolean {
  return env.CONOCER_CLIENT_SECRET === DEVELOPMENT_CONOCER.clientSecret;
}
