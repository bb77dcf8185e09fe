import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CurpVault } from './curp-vault';

const CURP = 'BOXW310820HNERXN09';
const ring = new Map([
  ['k1', randomBytes(32)],
  ['k2', randomBytes(32)],
]);

describe('CurpVault', () => {
  const vault = new CurpVault(ring, 'k2', 'blind-index-key-of-at-least-32-characters');

  it('seals with the current key and opens what it sealed, never storing the plain CURP', () => {
    const sealed = vault.seal(CURP, 'tenant-a');
    expect(sealed.keyId).toBe('k2');
    expect(sealed.masked).toBe('BOXW************09');
    expect(sealed.ciphertext).not.toContain(CURP);
    expect(sealed.ciphertext.startsWith('v1.')).toBe(true);
    expect(vault.open(sealed, 'tenant-a')).toBe(CURP);
    // A fresh IV each time: equal CURPs do not give equal ciphertexts…
    expect(vault.seal(CURP, 'tenant-a').ciphertext).not.toBe(sealed.ciphertext);
    // …but equal blind indexes, which is what exact lookups use.
    expect(vault.seal(CURP, 'tenant-b').blindIndex).toBe(sealed.blindIndex);
    expect(vault.blindIndex('BEML920313HMCLNS09')).not.toBe(sealed.blindIndex);
  });

  it('refuses a ciphertext moved to another tenant, altered, or sealed with a key no longer held', () => {
    const sealed = vault.seal(CURP, 'tenant-a');
    expect(() => vault.open(sealed, 'tenant-b')).toThrow();
    const body = Buffer.from(sealed.ciphertext.slice(3), 'base64url');
    body[body.length - 1] ^= 1;
    expect(() => vault.open({ ...sealed, ciphertext: `v1.${body.toString('base64url')}` }, 'tenant-a')).toThrow();
    const withoutK2 = new CurpVault(new Map([['k1', ring.get('k1')!]]), 'k1', 'blind-index-key-of-at-least-32-characters');
    expect(() => withoutK2.open(sealed, 'tenant-a')).toThrow(/no longer in the key ring/);
  });

  it('keeps reading rows of a retired key after rotation and tells them apart', () => {
    const before = new CurpVault(ring, 'k1', 'blind-index-key-of-at-least-32-characters').seal(CURP, 't');
    expect(vault.open(before, 't')).toBe(CURP);
    expect(vault.isStale(before.keyId)).toBe(true);
    expect(vault.isStale('k2')).toBe(false);
  });

  it('refuses a key ring without the current key', () => {
    expect(() => new CurpVault(ring, 'k9', 'blind-index-key-of-at-least-32-characters')).toThrow(/not in the key ring/);
  });
});
