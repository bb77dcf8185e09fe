import { env, parseEnvironment } from '@academy/service-kit';
import { subgraphEnvironmentSchema } from '@academy/subgraph-kit';
import { z } from 'zod';
import { KEY_ID, keyring, positiveInt, positiveMs, privateKeyPem, schedule, timezone } from './environment-shapes';
import { CERTIFICATION_PROVIDER_NAMES } from './modules/plugins/provider-names';

/**
 * Used only outside production when the CONOCER variables are unset: the bundled sandbox's public
 * development credentials and its default address, so `npm start` works with nothing configured.
 */
export const DEVELOPMENT_CONOCER = {
  apiUrl: 'http://localhost:4010',
  clientId: 'academy-development',
  clientSecret: 'academy-development-conocer-secret-not-secret',
} as const;

/**
 * Used only outside production when the CURP keys are unset, with a warning at start: CURPs
 * "encrypted" with public keys are not protected, which is fine for the embedded demo only.
 */
export const DEVELOPMENT_CURP_ENCRYPTION_KEYS = 'dev1:ZGV2ZWxvcG1lbnQtY3VycC1rZXktbm90LXNlY3JldCE=';
export const DEVELOPMENT_CURP_BLIND_INDEX_KEY = 'academy-development-curp-blind-index-key-not-secret';

const SHA256_PIN = /^(?:[0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$|^[A-Za-z0-9+/]{43}=$/;

const REQUIRED_IN_PRODUCTION = ['CONOCER_API_URL', 'CONOCER_CLIENT_ID', 'CONOCER_CLIENT_SECRET', 'CURP_ENCRYPTION_KEYS', 'CURP_BLIND_INDEX_KEY'] as const;

const variables = subgraphEnvironmentSchema('conocer', 4002).extend({
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
  STANDARDS_SYNC_SCHEDULE: schedule
    .default('0 3 * * *')
    .describe('When the standards catalog syncs from CONOCER (cron, in STANDARDS_SYNC_TIMEZONE): incremental, or full when no sync has succeeded yet. `off` disables it.'),
  STANDARDS_SYNC_TIMEZONE: timezone.default('America/Mexico_City').describe('Time zone of STANDARDS_SYNC_SCHEDULE.'),
  CURP_ENCRYPTION_KEYS: keyring
    .optional()
    .describe(
      'AES-256-GCM keys that encrypt stored CURPs, as `kid:base64` pairs (comma list). Keep retired keys listed until no row uses them. Required in production; a public development key otherwise.',
    ),
  CURP_ENCRYPTION_KEY_ID: z.string().regex(KEY_ID).optional().describe('The key of CURP_ENCRYPTION_KEYS that encrypts new CURPs. Default: the first listed.'),
  CURP_BLIND_INDEX_KEY: z
    .string()
    .min(32)
    .optional()
    .describe('HMAC-SHA256 key of the CURP blind index (exact lookup without decrypting). Changing it needs a re-index. Required in production.'),
  CERTIFICATION_PROVIDER: z
    .enum(CERTIFICATION_PROVIDER_NAMES)
    .default('conocer')
    .describe('The certification provider of standards no certification program routes elsewhere.'),
  OPEN_BADGES_ISSUER_URL: env.url().default('http://localhost:4000/issuers/academy').describe('Open Badges 3.0 issuer profile id (a URL).'),
  OPEN_BADGES_ISSUER_NAME: z.string().min(1).max(200).default('Academy').describe('Issuer name written into Open Badges credentials.'),
  OPEN_BADGES_SIGNING_KEY: privateKeyPem
    .optional()
    .describe('RSA private key (PKCS#8 PEM) that signs Open Badges credentials (RS256). Unset: outside production an ephemeral key; in production the provider is off.'),
  SAGA_LEASE_MS: positiveMs(30_000).describe('How long a process owns a running saga; a crashed owner’s sagas resume after it.'),
  SAGA_SWEEP_INTERVAL_MS: positiveMs(5_000).describe('How often sagas left behind (crash, retry due) are looked for.'),
  SAGA_MAX_STEP_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5).describe('Attempts of a failing saga step before it compensates (or, after the submission, stops as FAILED).'),
  OUTBOX_POLL_INTERVAL_MS: positiveMs(1_000).describe('How often the outbox relay looks for unpublished messages (it is also woken after each write).'),
  SUBMISSION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10).describe('Deliveries of a submission to the provider before it is dead-lettered.'),
  SUBMISSION_RETRY_DELAY_MS: positiveMs(2_000).describe('Wait before the second delivery of a failed submission; doubled for each further one.'),
  SUBMISSION_MAX_RETRY_DELAY_MS: positiveMs(60_000).describe('Cap on the doubled wait between deliveries.'),
  SUBMISSION_POLL_INTERVAL_MS: positiveMs(5_000).describe('How often submitted certifications are checked with the provider for their folio.'),
  SUBMISSION_STALE_MS: positiveMs(600_000).describe('A pending submission with no delivery attempt for this long is queued again (e.g. lost with an in-process bus).'),
  VERIFICATION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30).describe('verifyCertification calls per caller and minute.'),
});

/**
 * `when` runs each refinement even when other variables failed, so every problem is reported at once
 * (a `superRefine` would wait for the whole shape to parse).
 */
export const conocerEnvironmentSchema = REQUIRED_IN_PRODUCTION.reduce(
  (schema, name) => schema.refine((v) => v.NODE_ENV !== 'production' || v[name] !== undefined, { path: [name], message: 'required in production', when: () => true }),
  variables,
).refine((v) => v.CURP_ENCRYPTION_KEY_ID === undefined || v.CURP_ENCRYPTION_KEYS === undefined || v.CURP_ENCRYPTION_KEYS.has(v.CURP_ENCRYPTION_KEY_ID), {
  path: ['CURP_ENCRYPTION_KEY_ID'],
  message: 'must name a key of CURP_ENCRYPTION_KEYS',
  when: () => true,
});

type Parsed = z.infer<typeof conocerEnvironmentSchema>;

export type ConocerEnvironment = Omit<Parsed, (typeof REQUIRED_IN_PRODUCTION)[number] | 'CURP_ENCRYPTION_KEY_ID'> & {
  CONOCER_API_URL: string;
  CONOCER_CLIENT_ID: string;
  CONOCER_CLIENT_SECRET: string;
  CURP_ENCRYPTION_KEYS: Map<string, Buffer>;
  CURP_ENCRYPTION_KEY_ID: string;
  CURP_BLIND_INDEX_KEY: string;
};

export function loadConocerEnvironment(source: NodeJS.ProcessEnv = process.env): ConocerEnvironment {
  const parsed = parseEnvironment('conocer', conocerEnvironmentSchema, source);
  const keys = parsed.CURP_ENCRYPTION_KEYS ?? keyring.parse(DEVELOPMENT_CURP_ENCRYPTION_KEYS);
  return {
    ...parsed,
    CONOCER_API_URL: parsed.CONOCER_API_URL ?? DEVELOPMENT_CONOCER.apiUrl,
    CONOCER_CLIENT_ID: parsed.CONOCER_CLIENT_ID ?? DEVELOPMENT_CONOCER.clientId,
    CONOCER_CLIENT_SECRET: parsed.CONOCER_CLIENT_SECRET ?? DEVELOPMENT_CONOCER.clientSecret,
    CURP_ENCRYPTION_KEYS: keys,
    CURP_ENCRYPTION_KEY_ID: parsed.CURP_ENCRYPTION_KEY_ID ?? [...keys.keys()][0]!,
    CURP_BLIND_INDEX_KEY: parsed.CURP_BLIND_INDEX_KEY ?? DEVELOPMENT_CURP_BLIND_INDEX_KEY,
  };
}

/** True when the public development credentials are in use (a warning at start). */
export function usesDevelopmentConocerCredentials(env: ConocerEnvironment): boolean {
  return env.CONOCER_CLIENT_SECRET === DEVELOPMENT_CONOCER.clientSecret;
}

/** True when CURPs are protected by the public development keys (a warning at start). */
export function usesDevelopmentCurpKeys(env: ConocerEnvironment): boolean {
  const [[kid, key]] = [...keyring.parse(DEVELOPMENT_CURP_ENCRYPTION_KEYS)];
  return env.CURP_BLIND_INDEX_KEY === DEVELOPMENT_CURP_BLIND_INDEX_KEY || env.CURP_ENCRYPTION_KEYS.get(kid!)?.equals(key!) === true;
}
