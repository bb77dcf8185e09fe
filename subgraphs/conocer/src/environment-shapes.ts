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

/** Shared with every service that encrypts fields (@academy/privacy). */
export { KEY_ID, keyRingSchema as keyring } from '@academy/privacy';

/** A PEM passed through .env files often arrives with literal `\n`s. */
export const privateKeyPem = z
  .string()
  .transform((v) => v.replace(/\\n/g, '\n').trim())
  .refine((v) => v.includes('-----BEGIN PRIVATE KEY-----'), 'expected a PKCS#8 PEM private key');
