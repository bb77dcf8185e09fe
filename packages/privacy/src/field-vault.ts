import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { KeyRing } from './key-ring';

/** A field as stored: never the plain value. */
export interface SealedField {
  /** `v1.` + base64url(iv ‖ tag ‖ ciphertext), AES-256-GCM. */
  ciphertext: string;
  /** Which key of the ring sealed it, so keys can rotate while old rows stay readable. */
  keyId: string;
  /** HMAC-SHA256 (hex) of the field's name and value: equal values index equal, so exact lookups need no decryption. */
  blindIndex: string;
}

const VERSION = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Field-level encryption with a blind index. The additional authenticated data binds a ciphertext to
 * its field, its key id and a context (the tenant), so a ciphertext copied into another field or
 * another tenant's row does not decrypt. The field name also separates blind indexes, so a CURP and
 * an RFC that happened to be equal strings would not index alike.
 */
export class FieldVault {
  constructor(
    private readonly keys: KeyRing,
    private readonly currentKeyId: string,
    private readonly blindIndexKey: string,
  ) {
    if (!keys.get(currentKeyId)) throw new Error(`the encryption key ${currentKeyId} is not in the key ring`);
    for (const [kid, key] of keys) if (key.length !== 32) throw new Error(`the encryption key ${kid} is not 32 bytes`);
    if (blindIndexKey.length < 32) throw new Error('the blind index key must be at least 32 characters');
  }

  seal(field: string, value: string, context: string): SealedField {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(aad(field, this.currentKeyId, context));
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    return { ciphertext: `${VERSION}${sealed}`, keyId: this.currentKeyId, blindIndex: this.blindIndex(field, value) };
  }

  /** Throws when the key is unknown or the ciphertext was altered or moved to another field or context. */
  open(field: string, { ciphertext, keyId }: Pick<SealedField, 'ciphertext' | 'keyId'>, context: string): string {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`the encryption key ${keyId} is no longer in the key ring`);
    if (!ciphertext.startsWith(VERSION)) throw new Error('unknown ciphertext version');
    const raw = Buffer.from(ciphertext.slice(VERSION.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(aad(field, keyId, context));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** The value must be in canonical form (e.g. `normalizeCurp`), or equal values would index apart. */
  blindIndex(field: string, value: string): string {
    return createHmac('sha256', this.blindIndexKey).update(`${field}:${value}`).digest('hex');
  }

  /** Sealed with a key other than the current one: re-seal on the next write. */
  isStale(keyId: string): boolean {
    return keyId !== this.currentKeyId;
  }
}

function aad(field: string, keyId: string, context: string): Buffer {
  return Buffer.from(`${field}|${keyId}|${context}`, 'utf8');
}
