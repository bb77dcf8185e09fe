import { describe, expect, it, vi } from 'vitest';
import { dialects, useConocer } from './harness';
import { ENTITIES, LIST, ONE } from './queries';

describe.each(dialects)('conocer requests on $name', ({ name, enabled }) => {
  describe.runIf(enabled)('on a fresh database', () => {
    const conocer = useConocer(name);

    it.each([
      ['first: 0', LIST, { first: 0 }],
      ['first: 101', LIST, { first: 101 }],
      ['a malformed cursor', LIST, { after: 'not-a-cursor' }],
      ['level 9', LIST, { filter: { level: 9 } }],
      ['a malformed code', ONE, { code: 'EC12' }],
      ['a code of another registry', ONE, { code: 'NUGCH001.01' }],
    ])('refuses %s with BAD_USER_INPUT', async (_case, query, variables) => {
      const { body } = await conocer.get().call(query, variables);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('resolves several entity references with one database query', async () => {
      const find = vi.spyOn(conocer.get().runtime.database.orm.em.getDriver(), 'find');
      try {
        const codes = ['EC0004', 'EC0217.01', 'EC9999', 'EC1571'];
        const { body } = await conocer.get().call<{ _entities: ({ code: string } | null)[] }>(ENTITIES, {
          r: codes.map((code) => ({ __typename: 'CompetencyStandard', code })),
        });
        expect(body.errors).toBeUndefined();
        expect(body.data!._entities.map((e) => e?.code ?? null)).toEqual(['EC0004', 'EC0217.01', null, 'EC1571']);
        expect(find).toHaveBeenCalledTimes(1);
      } finally {
        find.mockRestore();
      }
    });

    it('refuses requests without a context token for this service', async () => {
      const missing = await conocer.get().call(ONE, { code: 'EC0004' }, {});
      expect(missing.status).toBe(401);
      expect(missing.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const forTenancy = await conocer.get().call(ONE, { code: 'EC0004' }, { 'x-academy-context': await conocer.get().token('tenancy') });
      expect(forTenancy.status).toBe(401);
    });
  });
});
