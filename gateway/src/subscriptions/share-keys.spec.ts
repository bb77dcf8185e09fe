import { createLogger, type Principal } from '@academy/service-kit';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../context';
import { createShareKeys, SHARE_KEY_FIELD } from './share-keys';

const logger = createLogger({ service: 'share-keys-test', level: 'silent' });

const contextOf = (overrides: Partial<Principal>): GatewayContext => {
  const principal: Principal = { tenantId: 't1', plan: 'pro', subject: 'ana', roles: ['instructor'], scopes: [], authMethod: 'jwt', requestId: 'r1', flags: [], ...overrides };
  return { principal, tenant: null, requestId: principal.requestId, logger };
};

/** A subgraph answering the share-key question from `answer`, counting the questions. */
function subgraph(answer: (principal: Principal) => { data?: Record<string, unknown>; errors?: { message: string }[] } | Error) {
  const asked: Principal[] = [];
  const source = {
    async process(options: GraphQLDataSourceProcessOptions) {
      const { principal } = options.context as GatewayContext;
      asked.push(principal);
      const reply = answer(principal);
      if (reply instanceof Error) throw reply;
      return reply as never;
    },
  };
  return { asked, dataSources: () => ({ analytics: source }) };
}

describe('createShareKeys', () => {
  it('asks once per principal, whatever the request id, and keeps the answer', async () => {
    const { asked, dataSources } = subgraph((p) => ({ data: { [SHARE_KEY_FIELD]: `key-${p.subject}` } }));
    const keys = createShareKeys({ dataSources, logger });
    expect(await keys.get('analytics', contextOf({ requestId: 'a' }))).toBe('key-ana');
    expect(await keys.get('analytics', contextOf({ requestId: 'b' }))).toBe('key-ana');
    expect(await keys.get('analytics', contextOf({ subject: 'luis' }))).toBe('key-luis');
    expect(asked.map((p) => p.subject)).toEqual(['ana', 'luis']);
  });

  it('asks again once the answer is older than ttlMs', async () => {
    const { asked, dataSources } = subgraph(() => ({ data: { [SHARE_KEY_FIELD]: 'k' } }));
    const keys = createShareKeys({ dataSources, logger, ttlMs: 1 });
    await keys.get('analytics', contextOf({}));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await keys.get('analytics', contextOf({}));
    expect(asked).toHaveLength(2);
  });

  it('does not ask again a subgraph without the field, until a reset', async () => {
    // As the data source throws a subgraph's HTTP 400 (SubgraphDataSource.errorFromResponse keeps its code).
    const missingField = new GraphQLError(`Cannot query field "${SHARE_KEY_FIELD}" on type "Query".`, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', serviceName: 'analytics' } });
    const { asked, dataSources } = subgraph(() => missingField);
    const keys = createShareKeys({ dataSources, logger });
    expect(await keys.get('analytics', contextOf({}))).toBeNull();
    expect(await keys.get('analytics', contextOf({ subject: 'luis' }))).toBeNull();
    expect(asked).toHaveLength(1);
    keys.reset();
    await keys.get('analytics', contextOf({}));
    expect(asked).toHaveLength(2);
  });

  it('asks again after an error in the answer, without giving up on the subgraph', async () => {
    let fail = true;
    const { asked, dataSources } = subgraph(() => (fail ? { errors: [{ message: 'database down' }] } : { data: { [SHARE_KEY_FIELD]: 'k' } }));
    const keys = createShareKeys({ dataSources, logger });
    expect(await keys.get('analytics', contextOf({}))).toBeNull();
    fail = false;
    expect(await keys.get('analytics', contextOf({}))).toBe('k');
    expect(asked).toHaveLength(2);
  });

  it('answers null without remembering it when the call fails, and for unknown subgraphs', async () => {
    let fail = true;
    const { asked, dataSources } = subgraph(() => (fail ? new Error('connection refused') : { data: { [SHARE_KEY_FIELD]: 'k' } }));
    const keys = createShareKeys({ dataSources, logger });
    expect(await keys.get('analytics', contextOf({}))).toBeNull();
    fail = false;
    expect(await keys.get('analytics', contextOf({}))).toBe('k');
    expect(asked).toHaveLength(2);
    expect(await keys.get('conocer', contextOf({}))).toBeNull();
  });

  it('treats an empty or missing key as "share with nobody", and keeps that answer', async () => {
    const { asked, dataSources } = subgraph((p) => ({ data: { [SHARE_KEY_FIELD]: p.subject === 'ana' ? '' : null } }));
    const keys = createShareKeys({ dataSources, logger });
    expect(await keys.get('analytics', contextOf({}))).toBeNull();
    expect(await keys.get('analytics', contextOf({ subject: 'luis' }))).toBeNull();
    expect(await keys.get('analytics', contextOf({ subject: 'luis', requestId: 'r2' }))).toBeNull();
    expect(asked).toHaveLength(2);
  });
});
