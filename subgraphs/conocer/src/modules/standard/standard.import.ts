import type { CompetencyStandardRecord } from '@academy/renec';
import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { CompetencyStandardEntity } from './standard.entity';
import { searchTextOf } from './standard.search';

/** Rows per INSERT: 9 columns × 250 stays far below SQLite's and PostgreSQL's bound-parameter limits. */
const BATCH_SIZE = 250;

/**
 * Seeds an empty catalog from the RENEC snapshot in one transaction, so a crash never leaves half a
 * catalog. Returns how many standards were inserted: 0 when the catalog already had rows.
 */
export async function importStandardCatalog(em: EntityManager, records: CompetencyStandardRecord[]): Promise<number> {
  try {
    return await em.transactional(async (tx) => {
      if ((await tx.count(CompetencyStandardEntity)) > 0) return 0;
      const updatedAt = new Date();
      for (let start = 0; start < records.length; start += BATCH_SIZE) {
        const rows = records.slice(start, start + BATCH_SIZE).map(({ code, title, level, sector, sectorId, committee }) => ({
          code,
          title,
          level,
          sector,
          sectorId,
          committee,
          searchText: searchTextOf(title, code),
          updatedAt,
          retired: false,
        }));
        await tx.insertMany(CompetencyStandardEntity, rows);
      }
      return records.length;
    });
  } catch (error) {
    // Replicas starting together both see an empty table; the one that commits second loses the race harmlessly.
    if (error instanceof UniqueConstraintViolationException) return 0;
    throw error;
  }
}
