import { request } from 'node:https';
import type { EmbeddedSystem } from '@academy/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Certificates, createCertificates } from './support/certificates';
import { createApiKey, gql, startAuthSystem } from './support/auth-system';

let certs: Certificates;
let system: EmbeddedSystem;

beforeAll(async () => {
  certs = createCertificates();
  // Every subgraph serves HTTPS and wants a client certificate; the gateway presents its own.
  system = await startAuthSystem({
    TLS_CERT: certs.serverCert,
    TLS_KEY: certs.serverKey,
    TLS_CLIENT_CA: certs.ca,
    SUBGRAPH_TLS_CA: certs.ca,
    SUBGRAPH_TLS_CERT: certs.clientCert,
    SUBGRAPH_TLS_KEY: certs.clientKey,
  });
});

afterAll(() => system?.close());

/** A direct call to a subgraph, as something other than the gateway would make it. */
function callDirectly(url: string, client?: { cert: string; key: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', ca: certs.ca, ...client, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query: '{ __typename }' }));
  });
}

describe('mTLS between the gateway and the subgraphs', () => {
  it('serves a federated query and the tenancy lookups over mutually authenticated TLS', async () => {
    for (const url of Object.values(system.subgraphs).map((s) => s.url)) expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const key = await createApiKey(system, 'acme', ['analytics:read', 'standards:read']);
    const reply = await gql(system, '{ tenant(slug: "acme") { slug progressSummary { events } recentProgress(first: 3) { standard { code } } } }', {}, { 'x-api-key': key.key });
    expect(reply.body.errors).toBeUndefined();
    expect(reply.body.data).toMatchObject({ tenant: { slug: 'acme' } });
  });

  it('refuses clients without a certificate, or with one from another CA, at the TLS handshake', async () => {
    const tenancy = system.subgraphs.tenancy.url;
    await expect(callDirectly(tenancy)).rejects.toThrow();
    await expect(callDirectly(tenancy, { cert: certs.strangerCert, key: certs.strangerKey })).rejects.toThrow();
    // With the gateway's certificate the handshake succeeds, and the subgraph still wants a context token.
    expect(await callDirectly(tenancy, { cert: certs.clientCert, key: certs.clientKey })).toBe(401);
  });
});
