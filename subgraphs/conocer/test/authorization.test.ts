import type { Principal } from '@academy/service-kit';
import { describe, expect, it } from 'vitest';
import { useConocer } from './harness';
import { ENTITIES, LIST, ONE } from './queries';

const SECTORS = '{ competencySectors { name standardCount } }';
const anonymous: Partial<Principal> = { tenantId: null, subject: null, authMethod: 'anonymous' };
const partner = (scopes: string[], authMethod: Principal['authMethod'] = 'api_key'): Partial<Principal> => ({
  tenantId: 'tenant-test',
  subject: 'key-1',
  roles: ['partner'],
  authMethod,
  scopes,
});

// Authorization does not depend on the dialect, so SQLite is enough here.
describe('conocer authorization', () => {
  const conocer = useConocer('sqlite');
  const callAs = async (principal: Partial<Principal>, query: string, variables: Record<string, unknown> = {}) =>
    conocer.get().call(query, variables, { 'x-academy-context': await conocer.get().token('conocer', principal) });
  const catalogReads: [string, string, Record<string, unknown>][] = [
    ['competencyStandard', ONE, { code: 'EC0217.01' }],
    ['competencyStandards', LIST, { first: 2 }],
    ['competencySectors', SECTORS, {}],
    ['_entities', ENTITIES, { r: [{ __typename: 'CompetencyStandard', code: 'EC0217.01' }] }],
  ];

  it.each(catalogReads)('lets anonymous visitors read %s', async (_field, query, variables) => {
    const { body } = await callAs(anonymous, query, variables);
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body.data)).toMatch(/EC0217|"name"|"code"/);
  });

  it.each(catalogReads)('refuses %s to a partner key without standards:read', async (_field, query, variables) => {
    for (const principal of [partner(['progress:read']), partner([], 'hmac')]) {
      const { body } = await callAs(principal, query, variables);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'standards:read' });
    }
    const { body } = await callAs(partner(['standards:read']), query, variables);
    expect(body.errors).toBeUndefined();
  });

  it('does not scope-limit users signed in with a JWT', async () => {
    const { body } = await callAs({ tenantId: 'tenant-test', subject: 'ana', roles: ['learner'], authMethod: 'jwt' }, ONE, { code: 'EC0217.01' });
    expect(body.errors).toBeUndefined();
  });
});
