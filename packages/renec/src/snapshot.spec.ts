import { describe, expect, it } from 'vitest';
import { loadCertifyingEntities } from './certifying-entities';
import { EC_CODE_PATTERN, loadCompetencyStandards } from './competency-standards';
import { loadSectors } from './sectors';

describe('loadCompetencyStandards', () => {
  const standards = loadCompetencyStandards();

  it('loads the whole snapshot with well-formed, unique codes and levels 1-5', () => {
    expect(standards).toHaveLength(1477);
    expect(new Set(standards.map((s) => s.code)).size).toBe(1477);
    for (const s of standards) {
      expect(s.code).toMatch(EC_CODE_PATTERN);
      expect([1, 2, 3, 4, 5]).toContain(s.level);
    }
  });

  it('trims the codes captured with stray whitespace (a space and a no-break space)', () => {
    expect(standards.find((s) => s.code === 'EC1571')?.renecId).toBe('4239');
    expect(standards.find((s) => s.code === 'EC1681')).toMatchObject({ title: 'Planificación de bodas', level: 5, sectorId: null });
  });

  it('keeps accents and collapses whitespace in titles', () => {
    expect(standards.find((s) => s.code === 'EC0004')?.title).toBe('Preparación de órganos para ajuste en banco');
    for (const { title, committee } of standards) {
      expect(title).toBe(title.trim());
      expect(title).not.toMatch(/\s\s|[\r\n]/);
      expect(committee).toBe(committee.trim());
    }
  });

  it('maps empty sector ids to null', () => {
    expect(standards.filter((s) => s.sectorId === null)).toHaveLength(43);
    expect(standards.every((s) => s.sectorId !== '')).toBe(true);
  });
});

describe('loadCertifyingEntities', () => {
  it('loads 482 entities whose codes all name a standard of the catalog', () => {
    const entities = loadCertifyingEntities();
    const codes = new Set(loadCompetencyStandards().map((s) => s.code));
    expect(entities).toHaveLength(482);
    expect(entities[0]).toMatchObject({ id: 'ECE-00001', name: 'ICEMéxico', legalForm: null });
    expect(entities.flatMap((e) => e.ecCodes).every((code) => codes.has(code))).toBe(true);
  });
});

describe('loadSectors', () => {
  it('lists every sector a standard names', () => {
    const sectors = new Set(loadSectors().map((s) => s.name));
    expect(sectors.size).toBe(22);
    for (const { sector } of loadCompetencyStandards()) if (sector) expect(sectors).toContain(sector);
  });
});
