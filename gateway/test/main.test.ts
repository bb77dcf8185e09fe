import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from './support/gateways';
import { freePort, post, waitFor } from './support/http';

const REPO = resolve(__dirname, '..', '..');
const MAIN = 'gateway/src/main.ts';

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--conditions=development', '-r', '@swc-node/register', MAIN, ...args], {
    cwd: REPO,
    // Only what the gateway needs, so the developer's own variables cannot change the outcome.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c) => {
    out += c;
  });
  child.stderr?.on('data', (c) => {
    err += c;
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

let fixture: Fixture;
let dir: string;
const running: ChildProcess[] = [];

beforeAll(async () => {
  fixture = await createFixture();
  dir = mkdtempSync(join(tmpdir(), 'gateway-main-'));
});

afterAll(async () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  await fixture?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run gateway -- --supergraph <file> --port <n>', () => {
  it('serves any supergraph from a file, then shuts down gracefully on SIGTERM', async () => {
    const file = join(dir, 'supergraph.graphql');
    writeFileSync(file, fixture.supergraph);
    const port = await freePort();
    // The subgraphs verify with the fixture's key, given here as PEMs with escaped newlines, as in a .env file.
    const escaped = (pem: string) => pem.replace(/\n/g, '\\n');
    const gateway = run(['--supergraph', file, '--port', String(port), '--host', '127.0.0.1'], {
      NODE_ENV: 'development',
      PORT: '1', // the flag wins
      CONTEXT_TOKEN_PRIVATE_KEY: escaped(fixture.pems.privatePem),
      CONTEXT_TOKEN_PUBLIC_KEY: escaped(fixture.pems.publicPem),
    });
    running.push(gateway.child);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => ((await fetch(`${url}/readyz`)).ok ? true : undefined), 20_000, 200);
    const reply = await post(`${url}/graphql`, { query: '{ users { name reviews { body } } }' });
    expect(reply.json).toEqual({
      data: { users: [{ name: 'Ana', reviews: [{ body: 'Review of u1' }] }, { name: 'Luis', reviews: [{ body: 'Review of u2' }] }] },
    });
    expect(gateway.stdout()).toContain('gateway ready');
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
  }, 40_000);

  it('exits 1 with a readable message when the supergraph file is missing', async () => {
    const missing = join(dir, 'missing.graphql');
    const gateway = run(['--supergraph', missing, '--port', '0'], { NODE_ENV: 'development' });
    running.push(gateway.child);
    expect(await gateway.exited).toBe(1);
    expect(gateway.stderr()).toContain(`Cannot read the supergraph file ${missing}: no such file`);
    expect(gateway.stderr()).not.toMatch(/\n\s+at /); // a message, not a stack trace
  }, 40_000);

  it('exits 1 listing every configuration problem', async () => {
    const gateway = run(['--port', 'abc'], { NODE_ENV: 'production', INTROSPECTION: 'maybe' });
    running.push(gateway.child);
    expect(await gateway.exited).toBe(1);
    for (const name of ['PORT', 'INTROSPECTION', 'CONTEXT_TOKEN_PRIVATE_KEY', 'CONTEXT_TOKEN_PUBLIC_KEY']) {
      expect(gateway.stderr()).toContain(name);
    }
  }, 40_000);
});
