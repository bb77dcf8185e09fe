import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../src';
import { createFixture, type Fixture } from './support/gateways';
import { post, waitFor } from './support/http';
import { composeSupergraph } from './support/subgraphs';

const EMAIL_QUERY = { query: '{ users { id email } }' };

let fixture: Fixture;
let gateway: Gateway & { logs: Record<string, unknown>[] };
let dir: string;
let file: string;
let withEmail: string;

beforeAll(async () => {
  fixture = await createFixture();
  withEmail = composeSupergraph({ users: fixture.subgraphs.users.url, reviews: fixture.subgraphs.reviews.url }, { withEmail: true });
  dir = mkdtempSync(join(tmpdir(), 'gateway-reload-'));
  file = join(dir, 'supergraph.graphql');
  writeFileSync(file, fixture.supergraph);
  gateway = await fixture.start({ NODE_ENV: 'development', SUPERGRAPH_PATH: file }, { supergraphSdl: undefined });
});

afterAll(async () => {
  await fixture?.close();
  rmSync(dir, { recursive: true, force: true });
});

const servesEmail = async () => {
  const reply = await post(gateway.graphqlUrl, EMAIL_QUERY);
  return reply.status === 200 && reply.json.data.users[0].email === 'ana@example.com' ? true : undefined;
};

describe('hot reload of the supergraph file', () => {
  it('serves a field added to the file without a restart', async () => {
    const before = await post(gateway.graphqlUrl, EMAIL_QUERY);
    expect(before.status).toBe(400);
    expect(before.json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    writeFileSync(file, withEmail);
    await expect(waitFor(servesEmail, 5000)).resolves.toBe(true);
  });

  it('keeps the current supergraph when the file becomes invalid, and logs why', async () => {
    writeFileSync(file, 'type Query { broken: Int }');
    await waitFor(async () => (gateway.logs.some((l) => l.level === 'error' && String(l.msg).includes('invalid supergraph')) ? true : undefined), 5000);
    expect(await servesEmail()).toBe(true);
    expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
  });

  it('follows an atomic replace (write elsewhere, then rename over the file)', async () => {
    const staging = join(dir, 'supergraph.graphql.tmp');
    writeFileSync(staging, fixture.supergraph);
    renameSync(staging, file);
    await waitFor(async () => ((await post(gateway.graphqlUrl, EMAIL_QUERY)).status === 400 ? true : undefined), 5000);
  });
});

describe('reload()', () => {
  it('swaps the supergraph in process and rejects an invalid one, keeping the current', async () => {
    const inMemory = await fixture.start({ NODE_ENV: 'development' });
    expect((await post(inMemory.graphqlUrl, EMAIL_QUERY)).status).toBe(400);
    await inMemory.reload(withEmail);
    expect((await post(inMemory.graphqlUrl, EMAIL_QUERY)).json.data.users[1].email).toBe('luis@example.com');
    await expect(inMemory.reload('type Query { nope: Int }')).rejects.toThrow();
    expect((await post(inMemory.graphqlUrl, EMAIL_QUERY)).status).toBe(200);
  });
});
