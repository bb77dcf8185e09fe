import { personalLogPaths } from '@academy/privacy';

/**
 * Paths whose values never reach a log line: credentials, keys and personal data, wherever they sit
 * (pino's redaction; `*` is one level of nesting).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-academy-context"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-academy-context"]',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  '*.headers["x-academy-context"]',
  '*.headers.cookie',
  'authorization',
  '*.authorization',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'clientSecret',
  '*.clientSecret',
  'signingSecret',
  '*.signingSecret',
  'privateKey',
  '*.privateKey',
  'apiKey',
  '*.apiKey',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  // Personal data as classified in one place (@academy/privacy): CURP, RFC, email, phone, names…
  ...personalLogPaths(),
];

/** A CURP anywhere in a string (18 characters: 4 letters, birth date, sex, state, consonants, 2 more). */
const CURP_IN_TEXT = /\b([A-Z]{4})\d{6}[HMX][A-Z]{5}[A-Z0-9]\d\b/g;

/** Keeps a CURP's initials only, so a line stays recognisable without identifying anyone. */
export function maskCurps(text: string): string {
  return text.replace(CURP_IN_TEXT, (_match, initials: string) => `${initials}**************`);
}

/**
 * Masks CURPs in string values that redaction paths cannot name (messages, error texts, free-form
 * fields), to a bounded depth so a large object costs a bounded walk.
 */
export function maskCurpsDeep<T>(value: T, depth = 3): T {
  if (typeof value === 'string') return maskCurps(value) as T;
  if (depth === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskCurpsDeep(item, depth - 1)) as T;
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskCurpsDeep(item, depth - 1);
  return out as T;
}
