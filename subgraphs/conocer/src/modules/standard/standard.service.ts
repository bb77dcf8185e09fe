import { isEcCode } from '@academy/renec';
import { AppError } from '@academy/service-kit';
import { checkPageSize, type Connection, decodeCursor, toConnection } from '@academy/subgraph-kit';
import { type FilterQuery, raw } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { CompetencyStandardEntity } from './standard.entity';
import type { CompetencyStandardFilter } from './standard.input';
import { searchWords } from './standard.search';
import type { CompetencyStandard, Sector } from './standard.type';

export function toCompetencyStandard({ code, title, level, sector, committee }: CompetencyStandardEntity): CompetencyStandard {
  return { code, title, level, sector, committee };
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

export class StandardService {
  /** SQL-specific for the sector aggregate; both supported drivers are SQL drivers. */
  constructor(private readonly em: SqlEntityManager) {}

  async byCodes(codes: readonly string[]): Promise<(CompetencyStandard | undefined)[]> {
    const rows = await this.em.find(CompetencyStandardEntity, { code: { $in: [...codes] } });
    const byCode = new Map(rows.map((row) => [row.code, toCompetencyStandard(row)]));
    return codes.map((code) => byCode.get(code));
  }

  async list(filter: CompetencyStandardFilter | undefined, first: number, after: string | null | undefined): Promise<Connection<CompetencyStandard>> {
    const limit = checkPageSize(first);
    const offset = decodeCursor(after);
    const [rows, total] = await this.em.findAndCount(CompetencyStandardEntity, whereOf(filter), { orderBy: { code: 'asc' }, limit, offset });
    return toConnection(rows.map(toCompetencyStandard), offset, total);
  }

  async sectors(): Promise<Sector[]> {
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
