import { cleanText, readSnapshot, SnapshotError } from './snapshot';

const FILE = 'ec-standards.json';

/** `EC` + 4 digits, optionally a `.NN` version (e.g. `EC0217.01`). */
export const EC_CODE_PATTERN = /^EC\d{4}(\.\d{2})?$/;

export function isEcCode(value: string): boolean {
  return EC_CODE_PATTERN.test(value);
}

export type CompetencyLevel = 1 | 2 | 3 | 4 | 5;

/** A RENEC Estándar de Competencia, normalized from the catalog's Spanish field names. */
export interface CompetencyStandardRecord {
  code: string;
  title: string;
  level: CompetencyLevel;
  committee: string;
  /** Productive sector name; null when the catalog leaves it empty. */
  sector: string | null;
  /** RENEC's own sector id; empty in some records, so null there. Not consistent with `sector` in the source. */
  sectorId: string | null;
  /** `idEstandarCompetencia`, RENEC's internal id. */
  renecId: string;
}

interface RawStandard {
  codigo: string;
  titulo: string;
  nivel: string;
  comite: string;
  secProductivo?: string | null;
  idSectorProductivo?: string | null;
  idEstandarCompetencia: string;
}

function orNull(value: string | null | undefined): string | null {
  const cleaned = cleanText(value ?? '');
  return cleaned === '' ? null : cleaned;
}

function toRecord(raw: RawStandard, index: number): CompetencyStandardRecord {
  const code = raw.codigo.trim();
  if (!isEcCode(code)) throw new SnapshotError(FILE, index, `malformed code ${JSON.stringify(raw.codigo)}`);
  const level = Number(raw.nivel);
  if (!Number.isInteger(level) || level < 1 || level > 5) throw new SnapshotError(FILE, index, `level ${JSON.stringify(raw.nivel)} is not 1-5`);
  return {
    code,
    title: cleanText(raw.titulo),
    level: level as CompetencyLevel,
    committee: cleanText(raw.comite),
    sector: orNull(raw.secProductivo),
    sectorId: orNull(raw.idSectorProductivo),
    renecId: raw.idEstandarCompetencia.trim(),
  };
}

/** The 1,477 standards of the 2025-11-28 snapshot, in catalog order, codes trimmed and unique. */
export function loadCompetencyStandards(): CompetencyStandardRecord[] {
  const records = (readSnapshot(FILE) as RawStandard[]).map(toRecord);
  const seen = new Set<string>();
  records.forEach(({ code }, index) => {
    if (seen.has(code)) throw new SnapshotError(FILE, index, `duplicate code ${code}`);
    seen.add(code);
  });
  return records;
}
