import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The snapshot ships inside the package (`data/` next to `src/` and `dist/`), so the same path
 * works from sources in development and from compiled code in production.
 */
export const SNAPSHOT_DIR = join(__dirname, '..', 'data');

export function readSnapshot(file: string): unknown {
  return JSON.parse(readFileSync(join(SNAPSHOT_DIR, file), 'utf8'));
}

/** The capture has stray whitespace (NBSP, CRLF, doubled spaces); display text gets one space and NFC. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A bundled snapshot that does not parse is a packaging bug: fail loudly, naming the record. */
export class SnapshotError extends Error {
  constructor(file: string, index: number, problem: string) {
    super(`${file}[${index}]: ${problem}`);
    this.name = 'SnapshotError';
  }
}
