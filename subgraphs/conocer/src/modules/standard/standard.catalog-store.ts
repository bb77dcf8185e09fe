import type { EntityManager } from '@mikro-orm/core';
import { CompetencyStandardEntity } from './standard.entity';
import { searchTextOf } from './standard.search';

/** A standard as the catalog sync compares and writes it. */
export interface CatalogEntry {
  code: string;
  title: string;
  level: number;
  committee: string;
  sector: string | null;
  retired: boolean;
}

/** Rows per INSERT, as in the snapshot import: far below both dialects' bound-parameter limits. */
const BATCH_SIZE = 250;

/** The whole local catalog, retired standards included, by code. */
export async function readCatalog(em: EntityManager): Promise<Map<string, CatalogEntry>> {
  const rows = await em.fork().find(CompetencyStandardEntity, {}, { fields: ['code', 'title', 'level', 'committee', 'sector', 'retired'] });
  return new Map(rows.map(({ code, title, level, committee, sector, retired }) => [code, { code, title, level, committee, sector, retired }]));
}

/**
 * Writes a sync's changes in one transaction: readers see the catalog before or after the sync,
 * never half of it. `sectorId` (RENEC's own id, not part of the API) is kept for updated standards.
 */
export async function applyCatalogChanges(em: EntityManager, inserts: CatalogEntry[], updates: CatalogEntry[]): Promise<void> {
  if (inserts.length === 0 && updates.length === 0) return;
  await em.fork().transactional(async (tx) => {
    const updatedAt = new Date();
    for (let start = 0; start < inserts.length; start += BATCH_SIZE) {
      const rows = inserts.slice(start, start + BATCH_SIZE).map((entry) => ({ ...entry, sectorId: null, searchText: searchTextOf(entry.title, entry.code), updatedAt }));
      await tx.insertMany(CompetencyStandardEntity, rows);
    }
    for (const { code, ...values } of updates) {
      await tx.nativeUpdate(CompetencyStandardEntity, { code }, { ...values, searchText: searchTextOf(values.title, code), updatedAt });
    }
  });
}
