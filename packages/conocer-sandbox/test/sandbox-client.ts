import { createLogger } from '@academy/service-kit';
import { afterAll, beforeAll } from 'vitest';
import { type ConocerSandbox, type ConocerSandboxOptions, createConocerSandbox } from '../src';

export const CLIENT = { id: 'test-client', secret: 'test-client-secret-0123456789' };

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field and assert on them.
export type Json = any;

export interface SandboxHarness {
  sandbox: ConocerSandbox;
  url: string;
  request(method: string, path: string, options?: { body?: unknown; token?: string | null; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: Json }>;
  token(): Promise<string>;
}

/** A sandbox on a free loopback port for the enclosing suite. */
export function useSandbox(options: Partial<ConocerSandboxOptions> = {}): () => SandboxHarness {
  let harness: SandboxHarness | undefined;
  beforeAll(async () => {
    const sandbox = createConocerSandbox({ clientId: CLIENT.id, clientSecret: CLIENT.secret, logger: createLogger({ level: 'silent' }), issuanceDelayMs: 50, ...options });
    const url = await sandbox.listen(0);
    const request: SandboxHarness['request'] = async (method, path, { body, token, headers = {} } = {}) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
    };
    const token = async () => (await request('POST', '/oauth/token', { body: { grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret } })).body.access_token as string;
    harness = { sandbox, url, request, token };
  });
  afterAll(async () => {
    await harness?.sandbox.close();
  });
  return () => harness!;
}
