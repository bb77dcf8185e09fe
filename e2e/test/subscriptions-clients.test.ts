import { ApolloClient, gql as apolloGql, HttpLink, InMemoryCache } from '@apollo/client';
import type { EmbeddedSystem } from '@academy/embedded';
import { createClient as createSseClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, eventually, gql, hsToken, startAuthSystem } from './support/auth-system';

/** The clients applications use, unmodified, against the gateway: Apollo Client (multipart over HTTP) and graphql-sse. */
let system: EmbeddedSystem;
let instructor: Record<string, string>;
let learner: Record<string, string>;

beforeAll(async () => {
  system = await startAuthSystem();
  instructor = { ...bearer(await hsToken({ sub: 'clients-instructor', tenant: 'acme', roles: ['instructor'] })), 'x-tenant-id': 'acme' };
  learner = { ...bearer(await hsToken({ sub: 'clients-learner', tenant: 'acme', roles: ['learner'] })), 'x-tenant-id': 'acme' };
});

afterAll(() => system?.close());

const QUERY = 'subscription($courseId: String) { progressUpdated(courseId: $courseId) { courseId percent standard { code } } }';

async function recordUntil(courseId: string, received: () => boolean) {
  let percent = 1;
  await eventually(async () => {
    const reply = await gql(system, 'mutation($i: RecordProgressInput!) { recordProgress(input: $i) { id } }', { i: { learnerId: 'clients-learner', courseId, percent: percent++, standardCode: 'EC0217.01' } }, learner);
    expect(reply.body.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    return received();
  }, 10_000);
}

describe('real client libraries', () => {
  it('Apollo Client subscribes over multipart HTTP', async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: system.gateway.graphqlUrl, headers: instructor }), cache: new InMemoryCache() });
    const received: unknown[] = [];
    const subscription = client.subscribe({ query: apolloGql(QUERY), variables: { courseId: 'apollo-client' } }).subscribe({ next: (result) => received.push(result.data) });
    await recordUntil('apollo-client', () => received.length > 0);
    expect(received[0]).toMatchObject({ progressUpdated: { courseId: 'apollo-client', standard: { code: 'EC0217.01' } } });
    subscription.unsubscribe();
    await eventually(async () => system.gateway.subscriptionStats().upstreams === 0);
    client.stop();
  });

  it('graphql-sse subscribes over SSE', async () => {
    const client = createSseClient({ url: system.gateway.graphqlUrl, headers: instructor, retryAttempts: 0 });
    const received: unknown[] = [];
    const iterator = client.iterate({ query: QUERY, variables: { courseId: 'graphql-sse' } });
    const reading = (async () => {
      for await (const result of iterator) received.push(result.data);
    })();
    await recordUntil('graphql-sse', () => received.length > 0);
    expect(received[0]).toMatchObject({ progressUpdated: { courseId: 'graphql-sse', standard: { code: 'EC0217.01' } } });
    await iterator.return?.();
    await reading;
    client.dispose();
    await eventually(async () => system.gateway.subscriptionStats().upstreams === 0);
  });
});
