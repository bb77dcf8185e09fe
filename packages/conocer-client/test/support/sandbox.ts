import { type ConocerSandbox, type ConocerSandboxOptions, createConocerSandbox, type FaultRuleInput, type LedgerStats } from '@academy/conocer-sandbox';
import { createLogger } from '@academy/service-kit';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type ClosableConocerClient, type ConocerCallRecord, type ConocerClientOptions, createConocerClient } from '../../src';

export const CREDENTIALS = { clientId: 'client-under-test', clientSecret: 'client-under-test-secret-0123' };

export interface SandboxFixture {
  sandbox: ConocerSandbox;
  url: string;
  admin(method: string, path: string, body?: unknown): Promise<unknown>;
  fault(rule: FaultRuleInput): Promise<void>;
  stats(): Promise<LedgerStats>;
  /** A client of this sandbox whose audit records land in `calls`; closed after the test. */
  client(options?: Partial<ConocerClientOptions>): { client: ClosableConocerClient; calls: ConocerCallRecord[] };
}

/** A real sandbox over HTTP on a free loopback port, for the enclosing suite; faults are cleared after each test. */
export function useSandbox(options: Partial<ConocerSandboxOptions> = {}): () => SandboxFixture {
  let fixture: SandboxFixture | undefined;
  const clients: ClosableConocerClient[] = [];
  beforeAll(async () => {
    const sandbox = createConocerSandbox({ ...CREDENTIALS, logger: createLogger({ level: 'silent' }), issuanceDelayMs: 20, ...options });
    const url = await sandbox.listen(0);
    const admin = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.status === 204 ? null : response.json();
    };
    fixture = {
      sandbox,
      url,
      admin,
      fault: async (rule) => {
        await admin('POST', '/admin/faults', rule);
      },
      stats: async () => (await admin('GET', '/admin/stats')) as LedgerStats,
      client: (overrides = {}) => {
        const calls: ConocerCallRecord[] = [];
        const client = createConocerClient({ baseUrl: url, ...CREDENTIALS, audit: (call) => calls.push(call), ...overrides });
        clients.push(client);
        return { client, calls };
      },
    };
  });
  afterEach(async () => {
    await fixture?.admin('DELETE', '/admin/faults');
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await fixture?.sandbox.close();
  });
  return () => fixture!;
}

/** What the audit saw, compactly: `operation status@attempt`. */
export function trail(calls: ConocerCallRecord[]): string[] {
  return calls.map((c) => `${c.operation} ${c.status ?? '-'}@${c.attempt}`);
}
