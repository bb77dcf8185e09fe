import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Pids of the live processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid && fields[0] !== 'Z') children.push(Number(entry));
    } catch {
      // The process ended while being read.
    }
  }
  return children;
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

  it('GATEWAY_WORKERS=2 serves from two worker processes, replaces one that dies, and stops them all on SIGTERM', async () => {
    const file = join(dir, 'supergraph-cluster.graphql');
    writeFileSync(file, fixture.supergraph);
    const port = await freePort();
    const gateway = run(['--supergraph', file, '--port', String(port), '--host', '127.0.0.1'], {
      NODE_ENV: 'development',
      GATEWAY_WORKERS: '2',
      CONTEXT_TOKEN_PRIVATE_KEY: fixture.pems.privatePem,
      CONTEXT_TOKEN_PUBLIC_KEY: fixture.pems.publicPem,
    });
    running.push(gateway.child);
    const url = `http://127.0.0.1:${port}`;
    const query = async () => (await post(`${url}/graphql`, { query: '{ users { name } }' })).json;
    const expected = { data: { users: [{ name: 'Ana' }, { name: 'Luis' }] } };
    await waitFor(async () => (childrenOf(gateway.child.pid!).length === 2 && (await fetch(`${url}/readyz`).catch(() => null))?.ok ? true : undefined), 30_000, 200);
    // Round-robin over both workers: every answer is the same, and so is the published key.
    const jwks = new Set<string>();
    for (let i = 0; i < 6; i++) {
      expect(await query()).toEqual(expected);
      jwks.add(await (await fetch(`${url}/.well-known/jwks.json`)).text());
    }
    expect(jwks.size).toBe(1);

    const [victim] = childrenOf(gateway.child.pid!);
    process.kill(victim!, 'SIGKILL');
    await waitFor(async () => {
      const workers = childrenOf(gateway.child.pid!);
      return workers.length === 2 && !workers.includes(victim!) ? true : undefined;
    }, 30_000, 200);
    await waitFor(async () => ((await fetch(`${url}/readyz`).catch(() => null))?.ok ? true : undefined), 30_000, 200);
    expect(await query()).toEqual(expected);

    const workers = childrenOf(gateway.child.pid!);
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    // The primary exits only after every worker has (each drained as a single gateway does).
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(workers.filter(alive)).toEqual([]);
  }, 90_000);

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
