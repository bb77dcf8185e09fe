import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldVault } from './field-vault';

const INDEX_KEY = 'blind-index-key-of-at-least-32-characters';
const ring = new Map([
  ['k1', randomBytes(32)],
  ['k2', randomBytes(32)],
]);

describe('FieldVault', () => {
  const vault = new FieldVault(ring, 'k2', INDEX_KEY);

  it('binds a ciphertext to its field and separates the blind indexes of fields', () => {
    const sealed = vault.seal('rfc', 'GODE561231GR8', 't');
    expect(vault.open('rfc', sealed, 't')).toBe('GODE561231GR8');
    expect(() => vault.open('curp', sealed, 't')).toThrow();
    expect(vault.blindIndex('curp', 'GODE561231GR8')).not.toBe(sealed.blindIndex);
  });

  it('rotates: new writes use the current key, values sealed with a listed older key still open', () => {
    const old = new FieldVault(ring, 'k1', INDEX_KEY).seal('phone', '+525512345678', 't');
    expect(old.keyId).toBe('k1');
    expect(vault.open('phone', old, 't')).toBe('+525512345678');
    expect(vault.seal('phone', '+525512345678', 't').keyId).toBe('k2');
    expect(vault.isStale(old.keyId)).toBe(true);
  });

  it('refuses a short blind index key or a current key outside the ring', () => {
    expect(() => new FieldVault(ring, 'k2', 'short')).toThrow(/at least 32/);
    expect(() => new FieldVault(ring, 'k9', INDEX_KEY)).toThrow(/not in the key ring/);
  });
});
