import { isEcCode } from '@academy/renec';
import { AppError } from '@academy/service-kit';
import { checkPageSize, type Connection, decodeCursor, toConnection } from '@academy/subgraph-kit';
import { type FilterQuery, raw } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { CatalogCache } from './standard.cache';
import { CompetencyStandardEntity } from './standard.entity';
import type { CompetencyStandardFilter } from './standard.input';
import { searchWords } from './standard.search';
import type { CompetencyStandard, Sector } from './standard.type';

export function toCompetencyStandard({ code, title, level, sector, committee, retired }: CompetencyStandardEntity): CompetencyStandard {
  return { code, title, level, sector, committee, retired };
}

/** Codes arrive typed by people (`ec0217.01 `); the catalog stores them trimmed and uppercase. */
export function normalizeStandardCode(input: string): string {
  const code = input.trim().toUpperCase();
  if (!isEcCode(code)) throw new AppError('BAD_USER_INPUT', 'A standard code is EC + 4 digits, optionally .NN (e.g. EC0217.01)', { argument: 'code' });
  return code;
}

function whereOf(filter: CompetencyStandardFilter = {}): FilterQuery<CompetencyStandardEntity> {
  const words = searchWords(filter.search);
  return {
    // Retired standards stay resolvable by code (certifications name them) but leave the browsable catalog.
    retired: false,
    ...(filter.sector != null && { sector: filter.sector.trim() }),
    ...(filter.committee != null && { committee: filter.committee.trim() }),
    ...(filter.level != null && { level: filter.level }),
    ...(words.length > 0 && { $and: words.map((word) => ({ searchText: { $like: `%${word}%` } })) }),
  };
}

/** Catalog answers are the same for every caller, so they are cached whole (see `CatalogCache`). */
export class StandardService {
  /** SQL-specific for the sector aggregate; both supported drivers are SQL drivers. */
  constructor(
    private readonly em: SqlEntityManager,
    private readonly cache: CatalogCache,
  ) {}

  async byCodes(codes: readonly string[]): Promise<(CompetencyStandard | undefined)[]> {
    const found = await this.cache.getMany(
      codes.map((code) => `code:${code}`),
      async (keys) => {
        const rows = await this.em.find(CompetencyStandardEntity, { code: { $in: keys.map((key) => key.slice('code:'.length)) } });
        return new Map(rows.map((row) => [`code:${row.code}`, toCompetencyStandard(row)]));
      },
    );
    return found.map((standard) => standard ?? undefined);
  }

  async list(filter: CompetencyStandardFilter | undefined, first: number, after: string | null | undefined): Promise<Connection<CompetencyStandard>> {
    const limit = checkPageSize(first);
    const offset = decodeCursor(after);
    const where = whereOf(filter);
    // The normalized filter, not the raw input, keys the cache: equal questions share one answer.
    const key = `list:${JSON.stringify({ where, limit, offset })}`;
    const { rows, total } = await this.cache.get(key, async () => {
      const [entities, count] = await this.em.findAndCount(CompetencyStandardEntity, where, { orderBy: { code: 'asc' }, limit, offset });
      return { rows: entities.map(toCompetencyStandard), total: count };
    });
    return toConnection(rows, offset, total);
  }

  sectors(): Promise<Sector[]> {
    return this.cache.get('sectors', () => this.loadSectors());
  }

  private async loadSectors(): Promise<Sector[]> {
    const rows = await this.em
      .createQueryBuilder(CompetencyStandardEntity)
      .select(['sector', raw('count(*) as standard_count')])
      .where({ retired: false, sector: { $ne: null } })
      .groupBy('sector')
      .orderBy({ sector: 'asc' })
      .execute<{ sector: string; standard_count: number | string }[]>('all', false);
    // PostgreSQL returns count(*) as a bigint string.
    return rows.map((row) => ({ name: row.sector, standardCount: Number(row.standard_count) }));
  }
}
