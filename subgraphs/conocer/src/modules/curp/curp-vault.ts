import { FieldVault, type KeyRing, type SealedField } from '@academy/privacy';
import { maskCurp } from '@academy/renec';

/** A CURP as stored: never the plain value, always the sealed triple plus what may be shown. */
export interface SealedCurp extends SealedField {
  /** First 4 and last 2 characters (`maskCurp`): what may be shown or logged. */
  masked: string;
}

const FIELD = 'curp';

/**
 * CURPs through the shared field vault (@academy/privacy): AES-256-GCM bound to the key id and a
 * context (the tenant), with a blind index for exact lookups.
 */
export class CurpVault {
  private readonly vault: FieldVault;

  constructor(keys: KeyRing, currentKeyId: string, blindIndexKey: string) {
    this.vault = new FieldVault(keys, currentKeyId, blindIndexKey);
  }

  seal(curp: string, context: string): SealedCurp {
    return { ...this.vault.seal(FIELD, curp, context), masked: maskCurp(curp) };
  }

  /** Throws when the key is unknown or the ciphertext was altered or moved to another context. */
  open(sealed: Pick<SealedCurp, 'ciphertext' | 'keyId'>, context: string): string {
    return this.vault.open(FIELD, sealed, context);
  }

  /** The CURP must be in canonical form (`normalizeCurp`), or equal CURPs would index apart. */
  blindIndex(curp: string): string {
    return this.vault.blindIndex(FIELD, curp);
  }

  /** Sealed with a key other than the current one: re-seal on the next write. */
  isStale(keyId: string): boolean {
    return this.vault.isStale(keyId);
  }
}
