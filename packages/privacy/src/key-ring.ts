import { z } from 'zod';

/** A key id: what a ciphertext records so the key that sealed it can be found after a rotation. */
export const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** `kid:base64` pairs, comma-separated; every key 32 bytes (AES-256). For each service's environment.ts. */
export const keyRingSchema = z.string().transform((value, ctx) => {
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

export type KeyRing = ReadonlyMap<string, Buffer>;
