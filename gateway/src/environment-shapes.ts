import { z } from 'zod';

/** Variable shapes the gateway's schema is built from; `environment.ts` stays the one list of names. */

export const optionalBool = () =>
  z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));

/** `users=http://users:4001/graphql,reviews=http://…` → `{ users: '…', reviews: '…' }`. */
export const subgraphUrls = z.string().transform((raw, ctx) => {
  const urls: Record<string, string> = {};
  for (const entry of raw.split(',').map((e) => e.trim()).filter(Boolean)) {
    const at = entry.indexOf('=');
    const name = entry.slice(0, at).trim();
    const url = entry.slice(at + 1).trim();
    if (at <= 0 || !URL.canParse(url)) {
      ctx.addIssue({ code: 'custom', message: `expected name=url, got "${entry}"` });
      continue;
    }
    urls[name] = url;
  }
  return urls;
});

/** `conocer=5000,analytics=2000` → `{ conocer: 5000, analytics: 2000 }` (positive integers). */
export const subgraphNumbers = z.string().transform((raw, ctx) => {
  const values: Record<string, number> = {};
  for (const entry of raw.split(',').map((e) => e.trim()).filter(Boolean)) {
    const at = entry.indexOf('=');
    const name = entry.slice(0, at).trim();
    const value = Number(entry.slice(at + 1).trim());
    if (at <= 0 || !Number.isInteger(value) || value <= 0) {
      ctx.addIssue({ code: 'custom', message: `expected name=<positive integer>, got "${entry}"` });
      continue;
    }
    values[name] = value;
  }
  return values;
});

export const commaList = z.string().transform((raw) => raw.split(',').map((e) => e.trim()).filter(Boolean));

/** A comma list whose every entry is one of `values`; the message names the bad entry. */
export const commaListOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  commaList.pipe(z.array(z.enum(values, { error: (issue) => `expected a comma list of ${values.join(', ')}; got "${issue.input}"` })));

/** PEMs passed through .env files or compose often arrive with literal `\n`s. */
export const pem = (kind: 'PRIVATE KEY' | 'PUBLIC KEY' | 'CERTIFICATE' | 'ANY PRIVATE KEY') =>
  z
    .string()
    .transform((v) => v.replace(/\\n/g, '\n').trim())
    .refine(
      (v) => (kind === 'ANY PRIVATE KEY' ? /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(v) : v.includes(`-----BEGIN ${kind}-----`)),
      `expected a PEM ${kind === 'PRIVATE KEY' ? '(PKCS#8)' : kind === 'PUBLIC KEY' ? '(SPKI)' : kind.toLowerCase()} block`,
    );

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

export const hostname = () =>
  z
    .string()
    .transform((v) => v.trim().toLowerCase().replace(/\.$/, ''))
    .refine((v) => HOSTNAME.test(v), 'expected a host name such as academy.mx');

export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
export const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
