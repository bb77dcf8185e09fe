import type { ConocerStandard } from '@academy/conocer-client';

/** What the diff needs of a local standard. */
export interface LocalStandard {
  code: string;
  title: string;
  level: number;
  committee: string;
  sector: string | null;
  retired: boolean;
}

export interface StandardsDiff {
  inserts: LocalStandard[];
  /** Full new values of changed standards (retirement included). */
  updates: LocalStandard[];
  counts: { added: number; updated: number; retired: number; unchanged: number };
}

/** Trimmed and uppercase like the local catalog's codes, so `EC1571 ` and `EC1571` are one standard. */
const codeOf = (standard: ConocerStandard) => standard.code.trim().toUpperCase();

/**
 * How the local catalog must change to match what CONOCER sent. A full sync also retires local
 * standards CONOCER no longer lists; an incremental one only sees changed standards, so it cannot.
 * A committee CONOCER leaves empty keeps the local one (the column is required; RENEC always has one).
 */
export function diffStandards(local: ReadonlyMap<string, LocalStandard>, remote: readonly ConocerStandard[], full: boolean): StandardsDiff {
  const diff: StandardsDiff = { inserts: [], updates: [], counts: { added: 0, updated: 0, retired: 0, unchanged: 0 } };
  const seen = new Set<string>();
  for (const standard of remote) {
    const code = codeOf(standard);
    if (seen.has(code)) continue;
    seen.add(code);
    const current = local.get(code);
    const next: LocalStandard = {
      code,
      title: standard.title.trim(),
      level: standard.level,
      committee: standard.committee?.trim() || current?.committee || '',
      sector: standard.sector?.trim() || null,
      retired: standard.retired,
    };
    if (!current) {
      diff.inserts.push(next);
      diff.counts.added++;
    } else if (next.retired && !current.retired) {
      diff.updates.push(next);
      diff.counts.retired++;
    } else if (next.title !== current.title || next.level !== current.level || next.committee !== current.committee || next.sector !== current.sector || next.retired !== current.retired) {
      diff.updates.push(next);
      diff.counts.updated++;
    } else {
      diff.counts.unchanged++;
    }
  }
  if (full) {
    for (const current of local.values()) {
      if (seen.has(current.code) || current.retired) continue;
      diff.updates.push({ ...current, retired: true });
      diff.counts.retired++;
    }
  }
  return diff;
}
