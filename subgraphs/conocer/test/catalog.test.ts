import { EC_CODE_PATTERN, loadCompetencyStandards } from '@academy/renec';
import { describe, expect, it } from 'vitest';
import { importStandardCatalog } from '../src/modules/standard';
import { foldText, searchTextOf } from '../src/modules/standard/standard.search';
import { dialects, startConocer, useConocer } from './harness';
import { LIST, ONE, type Page } from './queries';

const snapshot = loadCompetencyStandards();
/** Expected answers come from the snapshot in JS, independently of the SQL under test. */
const count = (match: (r: (typeof snapshot)[number]) => boolean) => snapshot.filter(match).length;
const matchesAll = (words: string[]) => (r: (typeof snapshot)[number]) => words.every((w) => searchTextOf(r.title, r.code).includes(w));

describe.each(dialects)('conocer catalog on $name', ({ name, enabled }) => {
  describe.runIf(enabled)('on a fresh database', () => {
    const conocer = useConocer(name);
    const list = async (variables: Record<string, unknown>): Promise<Page> => {
      const { body } = await conocer.get().call<{ competencyStandards: Page }>(LIST, variables);
      expect(body.errors).toBeUndefined();
      return body.data!.competencyStandards;
    };

    it('imports the whole RENEC snapshot on first start, and only then', async () => {
      expect((await list({ first: 1 })).totalCount).toBe(1477);
      expect(await importStandardCatalog(conocer.get().runtime.database.orm.em.fork(), snapshot)).toBe(0);
      const restarted = await startConocer(conocer.database());
      await restarted.close();
      expect((await list({ first: 1 })).totalCount).toBe(1477);
    });

    it('pages through the whole catalog in code order with cursors', async () => {
      const codes: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 20; page++) {
        const result: Page = await list({ first: 100, after });
        expect(result.totalCount).toBe(1477);
        expect(result.pageInfo.hasPreviousPage).toBe(page > 0);
        codes.push(...result.nodes.map((n) => n.code));
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor;
      }
      expect(codes).toHaveLength(1477);
      expect(codes).toEqual([...codes].sort());
      expect(codes.every((code) => EC_CODE_PATTERN.test(code))).toBe(true);
      // Captured as "EC1571 " and "EC1681\u00a0".
      expect(codes).toEqual(expect.arrayContaining(['EC1571', 'EC1681']));
    });

    it('looks a standard up by code, ignoring case and surrounding spaces; null when unknown', async () => {
      const ec0004 = {
        code: 'EC0004',
        title: 'Preparación de órganos para ajuste en banco',
        level: 1,
        sector: 'TRANSPORTES, CORREOS Y ALMACENAMIENTO',
        committee: 'del Sistema de Transporte Colectivo',
      };
      for (const code of ['EC0004', 'ec0004', '  Ec0004\t']) {
        expect((await conocer.get().call(ONE, { code })).body).toEqual({ data: { competencyStandard: ec0004 } });
      }
      expect((await conocer.get().call(ONE, { code: 'ec1681' })).body.data).toEqual({
        competencyStandard: expect.objectContaining({ code: 'EC1681', title: 'Planificación de bodas' }),
      });
      expect((await conocer.get().call(ONE, { code: 'EC9999' })).body).toEqual({ data: { competencyStandard: null } });
    });

    it('searches title words regardless of accents and case; every word must match', async () => {
      const atencion = await list({ filter: { search: 'atencion' }, first: 100 });
      expect(atencion.totalCount).toBe(count(matchesAll(['atencion'])));
      expect(atencion.nodes.some((n) => n.title.includes('Atención'))).toBe(true);
      expect((await list({ filter: { search: 'ATENCIÓN' }, first: 1 })).totalCount).toBe(atencion.totalCount);

      const both = await list({ filter: { search: 'atención  clientes' }, first: 100 });
      expect(both.totalCount).toBe(count(matchesAll(['atencion', 'clientes'])));
      expect(both.totalCount).toBeGreaterThan(0);
      expect(both.nodes.every((n) => foldText(n.title).includes('clientes'))).toBe(true);

      expect((await list({ filter: { search: 'ec0217' }, first: 10 })).nodes.map((n) => n.code)).toContain('EC0217.01');
    });

    it('filters by sector, level and committee', async () => {
      const sector = 'SERVICIOS EDUCATIVOS';
      const result = await list({ filter: { sector, level: 3 }, first: 100 });
      expect(result.totalCount).toBe(count((r) => r.sector === sector && r.level === 3));
      expect(result.totalCount).toBeGreaterThan(0);
      expect(result.nodes.every((n) => n.sector === sector && n.level === 3)).toBe(true);
      const committee = 'del Sistema de Transporte Colectivo';
      expect((await list({ filter: { committee }, first: 1 })).totalCount).toBe(count((r) => r.committee === committee));
    });

    it('lists the sectors with their standard counts', async () => {
      const { body } = await conocer.get().call<{ competencySectors: { name: string; standardCount: number }[] }>('{ competencySectors { name standardCount } }');
      const sectors = body.data!.competencySectors;
      expect(sectors.reduce((sum, s) => sum + s.standardCount, 0)).toBe(count((r) => r.sector !== null));
      expect(sectors.find((s) => s.name === 'SERVICIOS EDUCATIVOS')?.standardCount).toBe(count((r) => r.sector === 'SERVICIOS EDUCATIVOS'));
    });
  });
});
