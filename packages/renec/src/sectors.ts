import { cleanText, readSnapshot } from './snapshot';

/** A productive sector of the catalog (the names `CompetencyStandardRecord.sector` uses). */
export interface SectorRecord {
  name: string;
  type: string;
}

export function loadSectors(): SectorRecord[] {
  const raw = readSnapshot('sectors.json') as { nombre: string; tipo: string }[];
  return raw.map(({ nombre, tipo }) => ({ name: cleanText(nombre), type: cleanText(tipo) }));
}
