import { createHash } from 'node:crypto';
import { ApolloClient, gql as apolloGql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import type { EmbeddedSystem } from '@academy/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, hsToken, postRaw, startAuthSystem } from './support/auth-system';

let system: EmbeddedSystem;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

beforeAll(async () => {
  system = await startAuthSystem();
});

afterAll(() => system?.close());

const headersOf = async (tenant: string) => ({ ...bearer(await hsToken({ tenant, roles: ['instructor'] })), 'x-tenant-id': tenant });

describe('automatic persisted queries', () => {
  const query = '{ plans { code } }';
  const persisted = (hash: string, withQuery: boolean) => JSON.stringify({ ...(withQuery && { query }), extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

  it('registers a document per tenant and serves it by hash, over POST and GET', async () => {
    const acme = await headersOf('acme');
    const globex = await headersOf('globex');
    const hash = sha256(`${query}`);
    const unknown = await postRaw(system.gateway.url, '/graphql', persisted(hash, false), acme);
    expect(unknown.status).toBe(200);
    expect(unknown.body.errors?.[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });

    expect((await postRaw(system.gateway.url, '/graphql', persisted(hash, true), acme)).body.data).toMatchObject({ plans: expect.any(Array) });
    expect((await postRaw(system.gateway.url, '/graphql', persisted(hash, false), acme)).body.data).toMatchObject({ plans: expect.any(Array) });
    // Another tenant's cache does not have it (and learns nothing about acme's).
    expect((await postRaw(system.gateway.url, '/graphql', persisted(hash, false), globex)).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }));
    const viaGet = await fetch(`${system.gateway.graphqlUrl}?extensions=${extensions}`, { headers: { ...acme, 'apollo-require-preflight': 'true' } });
    expect(((await viaGet.json()) as { data: unknown }).data).toMatchObject({ plans: expect.any(Array) });
  });

  it('refuses a hash that does not match the document, a malformed hash and another version', async () => {
    const acme = await headersOf('acme');
    const mismatch = await postRaw(system.gateway.url, '/graphql', persisted(sha256('{ other }'), true), acme);
    expect([mismatch.status, mismatch.body.errors?.[0]?.extensions?.code]).toEqual([400, 'BAD_REQUEST']);
    const malformed = await postRaw(system.gateway.url, '/graphql', persisted('abc', false), acme);
    expect([malformed.status, malformed.body.errors?.[0]?.extensions?.code]).toEqual([400, 'BAD_REQUEST']);
    const version = await postRaw(system.gateway.url, '/graphql', JSON.stringify({ extensions: { persistedQuery: { version: 2, sha256Hash: sha256(query) } } }), acme);
    expect(version.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });

  it("works with Apollo Client's persisted-query link, unmodified", async () => {
    const sent: string[] = [];
    const link = new PersistedQueryLink({ sha256: async (text: string) => sha256(text) }).concat(
      new HttpLink({
        uri: system.gateway.graphqlUrl,
        headers: await headersOf('acme'),
        fetch: async (url, init) => {
          sent.push(String(init?.body));
          return fetch(url, init);
        },
      }),
    );
    const client = new ApolloClient({ link, cache: new InMemoryCache() });
    const document = apolloGql('query ApqPlans { plans { code name } }');
    const first = await client.query({ query: document, fetchPolicy: 'network-only' });
    const second = await client.query({ query: document, fetchPolicy: 'network-only' });
    expect(first.data).toEqual(second.data);
    // First: hash only (not found), then hash + document; afterwards the hash alone is enough.
    expect(sent.map((body) => ('query' in JSON.parse(body) ? 'document' : 'hash'))).toEqual(['hash', 'document', 'hash']);
    client.stop();
  });
});
