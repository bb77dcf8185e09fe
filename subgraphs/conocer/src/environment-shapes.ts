import { Cron } from 'croner';
import { z } from 'zod';

export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Milliseconds from 1 to a day. */
export const positiveMs = (fallback: number) => z.coerce.number().int().min(1).max(86_400_000).default(fallback);

/** A cron expression croner accepts (5 or 6 fields), or `off`. */
export const schedule = z
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

export const timezone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone, e.g. America/Mexico_City');

export const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** `kid:base64` pairs, comma-separated; every key 32 bytes (AES-256). */
export const keyring = z.string().transform((value, ctx) => {
  const keys = new Map<string, Buffer>();
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [kid, secret] = entry.split(':', 2);
    const bytes = secret ? Buffer.from(secret, 'base64') : Buffer.alloc(0);
    if (!kid || !KEY_ID.test(kid) || bytes.length !== 32 || keys.has(kid)) {
      ctx.addIssue({ code: 'custom', message: 'expected unique `kid:base64` pairs, each key 32 bytes (openssl rand -base64 32)' });
      return z.NEVER;
    }
    keys.set(kid, bytes);
  }
  if (keys.size === 0) {
    ctx.addIssue({ code: 'custom', message: 'expected at least one `kid:base64` key' });
    return z.NEVER;
  }
  return keys;
});

/** A PEM passed through .env files often arrives with literal `\n`s. */
export const privateKeyPem = z
  .string()
  .transform((v) => v.replace(/\\n/g, '\n').trim())
  .refine((v) => v.includes('-----BEGIN PRIVATE KEY-----'), 'expected a PKCS#8 PEM private key');
