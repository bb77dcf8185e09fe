import { describe, expect, it } from 'vitest';
import { ConocerError } from '../src';
import { trail, useSandbox } from './support/sandbox';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ConocerClient tokens', () => {
  const sandbox = useSandbox();

  it('fetches one token and reuses it across calls, concurrent ones included', async () => {
    const { client, calls } = sandbox().client();
    await Promise.all([client.listStandards({ pageSize: 1 }), client.listStandards({ pageSize: 1 }), client.verifyByFolio('CNC-2000-0000001')]);
    await client.listStandards({ pageSize: 1 });
    expect(calls.filter((c) => c.operation === 'token')).toHaveLength(1);
    expect(calls.filter((c) => c.operation !== 'token').every((c) => c.outcome === 'ok')).toBe(true);
  });

  it('refreshes the token before it expires, without a 401', async () => {
    const { admin, client: make } = sandbox();
    await admin('PUT', '/admin/settings', { tokenTtlSeconds: 1 });
    try {
      const { client, calls } = make();
      await client.listStandards({ pageSize: 1 });
      await sleep(1000);
      await client.listStandards({ pageSize: 1 });
      expect(trail(calls)).toEqual(['token 200@1', 'listStandards 200@1', 'token 200@1', 'listStandards 200@1']);
    } finally {
      await admin('PUT', '/admin/settings', { tokenTtlSeconds: 3600 });
    }
  });

  it('fetches a new token once when the API answers 401, within the same attempt', async () => {
    const { admin, client: make } = sandbox();
    const { client, calls } = make();
    await client.listStandards({ pageSize: 1 });
    await admin('POST', '/admin/tokens/expire');
    await client.listStandards({ pageSize: 1 });
    expect(trail(calls)).toEqual(['token 200@1', 'listStandards 200@1', 'listStandards 401@1', 'token 200@1', 'listStandards 200@1']);
  });

  it('fails with kind auth, not retried, when the credentials are wrong', async () => {
    const { client, calls } = sandbox().client({ clientSecret: 'wrong-secret-for-this-client' });
    const error = await client.listStandards().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConocerError);
    expect(error).toMatchObject({ kind: 'auth', retryable: false, status: 401, code: 'invalid_client' });
    expect(trail(calls)).toEqual(['token 401@1']);
  });
});
