import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTrustedDocuments } from './trusted-documents';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function manifestDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'manifests-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
  return dir;
}

const body = '{ plans { code } }';
const id = createHash('sha256').update(body).digest('hex');
const manifest = (operations: unknown[]) => ({ format: 'apollo-persisted-query-manifest', version: 1, operations });

describe('loadTrustedDocuments', () => {
  it('reads one manifest per tenant slug', () => {
    const manifests = loadTrustedDocuments(manifestDir({ 'acme.json': manifest([{ id, body }]), 'notes.txt': 'ignored' }));
    expect([...manifests.keys()]).toEqual(['acme']);
    expect(manifests.get('acme')?.get(id)).toBe(body);
  });

  it('refuses an operation whose id is not the hash of its body', () => {
    expect(() => loadTrustedDocuments(manifestDir({ 'acme.json': manifest([{ id: 'a'.repeat(64), body }]) }))).toThrow('not the SHA-256 of its body');
  });

  it('refuses a file in another format', () => {
    expect(() => loadTrustedDocuments(manifestDir({ 'acme.json': { operations: [] } }))).toThrow('not an Apollo persisted query manifest');
  });
});
