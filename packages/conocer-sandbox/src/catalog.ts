import { type CompetencyStandardRecord, isEcCode } from '@academy/renec';

/** A standard as the API publishes it. */
export interface SandboxStandard {
  code: string;
  title: string;
  level: number;
  committee: string | null;
  sector: string | null;
  /** ISO 8601, set on every change. */
  updatedAt: string;
  retired: boolean;
}

export type StandardChange = Partial<Pick<SandboxStandard, 'title' | 'level' | 'committee' | 'sector' | 'retired'>>;

/**
 * The RENEC snapshot's capture date: every seeded standard carries it as `updatedAt`, so an
 * incremental sync after start sees only what was changed at run time.
 */
export const SNAPSHOT_UPDATED_AT = '2025-11-28T00:00:00.000Z';

export class CatalogError extends Error {
  constructor(
    readonly code: 'UNKNOWN_STANDARD' | 'STANDARD_EXISTS' | 'INVALID_STANDARD',
    message: string,
  ) {
    super(message);
  }
}

/** The standards catalog, in memory, ordered by code for stable paging. */
export class StandardsCatalog {
  private readonly byCode = new Map<string, SandboxStandard>();
  /** Two changes in one millisecond still get increasing timestamps, so `updatedSince` never misses one. */
  private lastChange = 0;

  constructor(records: readonly CompetencyStandardRecord[]) {
    for (const { code, title, level, committee, sector } of records) {
      this.byCode.set(code, { code, title, level, committee, sector, updatedAt: SNAPSHOT_UPDATED_AT, retired: false });
    }
  }

  get(code: string): SandboxStandard | undefined {
    return this.byCode.get(code);
  }

  /** `updatedSince` is inclusive: a client that passes the newest `updatedAt` it saw misses nothing. */
  list(page: number, pageSize: number, updatedSince?: Date): { items: SandboxStandard[]; total: number } {
    const matching = [...this.byCode.values()]
      .filter((s) => updatedSince === undefined || Date.parse(s.updatedAt) >= updatedSince.getTime())
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const start = (page - 1) * pageSize;
    return { items: matching.slice(start, start + pageSize).map((s) => ({ ...s })), total: matching.length };
  }

  add(standard: Omit<SandboxStandard, 'updatedAt' | 'retired'>): SandboxStandard {
    if (!isEcCode(standard.code)) throw new CatalogError('INVALID_STANDARD', `${standard.code} is not EC + 4 digits (optionally .NN)`);
    if (this.byCode.has(standard.code)) throw new CatalogError('STANDARD_EXISTS', `${standard.code} already exists`);
    const added = { ...standard, retired: false, updatedAt: this.stamp() };
    this.byCode.set(added.code, added);
    return { ...added };
  }

  change(code: string, change: StandardChange): SandboxStandard {
    const current = this.byCode.get(code);
    if (!current) throw new CatalogError('UNKNOWN_STANDARD', `No standard ${code}`);
    const next = { ...current, ...change, updatedAt: this.stamp() };
    this.byCode.set(code, next);
    return { ...next };
  }

  private stamp(): string {
    this.lastChange = Math.max(Date.now(), this.lastChange + 1);
    return new Date(this.lastChange).toISOString();
  }
}
