import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { maskCurp } from '@academy/renec';

/** A CURP as stored: never the plain value, always this triple. */
export interface SealedCurp {
  /** `v1.` + base64url(iv ‖ tag ‖ ciphertext), AES-256-GCM. */
  ciphertext: string;
  /** Which key of the ring sealed it, so keys can rotate while old rows stay readable. */
  keyId: string;
  /** HMAC-SHA256 (hex) of the CURP: equal CURPs have equal indexes, so exact lookups need no decryption. */
  blindIndex: string;
  /** First 4 and last 2 characters (`maskCurp`): what may be shown or logged. */
  masked: string;
}

const VERSION = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Field-level encryption of CURPs. The additional authenticated data binds a ciphertext to its key id
 * and to a context (the tenant), so a ciphertext copied into another tenant's row does not decrypt.
 */
export class CurpVault {
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly currentKeyId: string,
    private readonly blindIndexKey: string,
  ) {
    const current = keys.get(currentKeyId);
    if (!current) throw new Error(`the CURP key ${currentKeyId} is not in the key ring`);
    for (const [kid, key] of keys) if (key.length !== 32) throw new Error(`the CURP key ${kid} is not 32 bytes`);
  }

  seal(curp: string, context: string): SealedCurp {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(this.aad(this.currentKeyId, context));
    const body = Buffer.concat([cipher.update(curp, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    return { ciphertext: `${VERSION}${sealed}`, keyId: this.currentKeyId, blindIndex: this.blindIndex(curp), masked: maskCurp(curp) };
  }

  /** Throws when the key is unknown or the ciphertext was altered or moved to another context. */
  open({ ciphertext, keyId }: Pick<SealedCurp, 'ciphertext' | 'keyId'>, context: string): string {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`the CURP key ${keyId} is no longer in the key ring`);
    if (!ciphertext.startsWith(VERSION)) throw new Error('unknown CURP ciphertext version');
    const raw = Buffer.from(ciphertext.slice(VERSION.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(this.aad(keyId, context));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** The CURP must be in canonical form (`normalizeCurp`), or equal CURPs would index apart. */
  blindIndex(curp: string): string {
    return createHmac('sha256', this.blindIndexKey).update(`curp:${curp}`).digest('hex');
  }

  /** Sealed with a key other than the current one: re-seal on the next write. */
  isStale(keyId: string): boolean {
    return keyId !== this.currentKeyId;
  }

  private aad(keyId: string, context: string): Buffer {
    return Buffer.from(`curp|${keyId}|${context}`, 'utf8');
  }
}
