import { describe, expect, it } from 'vitest';
import type { CircuitStateName } from '../src';
import { trail, useSandbox } from './support/sandbox';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ConocerClient retries and timeouts', () => {
  const sandbox = useSandbox();

  it('retries a 429 no sooner than its Retry-After', async () => {
    const { fault, client: make } = sandbox();
    const { client, calls } = make();
    await client.listStandards({ pageSize: 1 });
    await fault({ kind: 'rate_limit', operations: ['standards'], times: 1, retryAfterSeconds: 1 });
    const started = Date.now();
    const page = await client.listStandards({ pageSize: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(page.total).toBe(1477);
    expect(trail(calls).slice(2)).toEqual(['listStandards 429@1', 'listStandards 200@2']);
  });

  it('does not wait for a Retry-After beyond maxRetryDelayMs: it hands the delay to the caller', async () => {
    const { fault, client: make } = sandbox();
    const { client, calls } = make({ maxRetryDelayMs: 5000 });
    await fault({ kind: 'rate_limit', operations: ['standards'], retryAfterSeconds: 120 });
    await expect(client.listStandards()).rejects.toMatchObject({ kind: 'rate_limited', retryable: true, status: 429, retryAfterMs: 120_000 });
    expect(trail(calls)).toEqual(['token 200@1', 'listStandards 429@1']);
  });

  it('retries server errors with backoff up to maxAttempts, then gives up with kind unavailable', async () => {
    const { fault, client: make } = sandbox();
    const { client, calls } = make({ maxAttempts: 3 });
    await fault({ kind: 'error', status: 503, operations: ['standards'], times: 2 });
    expect((await client.listStandards({ pageSize: 1 })).items).toHaveLength(1);
    expect(trail(calls)).toEqual(['token 200@1', 'listStandards 503@1', 'listStandards 503@2', 'listStandards 200@3']);

    await fault({ kind: 'error', status: 502, operations: ['standards'] });
    await expect(client.listStandards()).rejects.toMatchObject({ kind: 'unavailable', status: 502, retryable: true });
    expect(calls.slice(4).map((c) => c.attempt)).toEqual([1, 2, 3]);
  });

  it('gives up on an attempt after timeoutMs and retries it', async () => {
    const { fault, client: make } = sandbox();
    const { client, calls } = make({ timeoutMs: 300, maxAttempts: 2 });
    await client.listStandards({ pageSize: 1 });
    await fault({ kind: 'hang', operations: ['standards'], times: 1 });
    expect((await client.listStandards({ pageSize: 1 })).items).toHaveLength(1);
    expect(trail(calls).slice(2)).toEqual(['listStandards -@1', 'listStandards 200@2']);
    expect(calls[2]).toMatchObject({ outcome: 'error', error: expect.stringContaining('300 ms') });

    await fault({ kind: 'hang', operations: ['standards'] });
    await expect(client.listStandards()).rejects.toMatchObject({ kind: 'timeout', retryable: true, status: null });
  });
});

describe('ConocerClient circuit breaker', () => {
  const sandbox = useSandbox();

  it('opens after consecutive failures, refuses without calling, half-opens to probe and closes on success', async () => {
    const { fault, admin, client: make } = sandbox();
    const { client, calls } = make({ maxAttempts: 1, breaker: { failureThreshold: 2, halfOpenAfterMs: 400 } });
    const states: CircuitStateName[] = [];
    const stop = client.onCircuitChange((state) => states.push(state));
    await client.listStandards({ pageSize: 1 });
    expect(client.circuitState()).toBe('closed');

    await fault({ kind: 'outage', operations: ['standards'], durationMs: 600_000 });
    await expect(client.listStandards()).rejects.toMatchObject({ kind: 'unavailable' });
    expect(client.circuitState()).toBe('closed');
    await expect(client.listStandards()).rejects.toMatchObject({ kind: 'unavailable' });
    expect(client.circuitState()).toBe('open');

    const sent = calls.length;
    await expect(client.listStandards()).rejects.toMatchObject({ kind: 'circuit_open', retryable: true, retryAfterMs: expect.any(Number) });
    expect(calls.slice(sent)).toEqual([expect.objectContaining({ operation: 'listStandards', status: null, outcome: 'error', error: 'circuit open: not sent' })]);

    // Still down when the probe goes: open again.
    await sleep(450);
    await expect(client.listStandards()).rejects.toMatchObject({ kind: 'unavailable' });
    expect(client.circuitState()).toBe('open');

    await admin('DELETE', '/admin/faults');
    await sleep(450);
    expect((await client.listStandards({ pageSize: 1 })).items).toHaveLength(1);
    expect(client.circuitState()).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
    stop();
  });

  it('does not count throttling or the caller’s mistakes against the circuit', async () => {
    const { fault, client: make } = sandbox();
    const { client } = make({ maxAttempts: 1, breaker: { failureThreshold: 1 } });
    await fault({ kind: 'rate_limit', operations: ['submission'], retryAfterSeconds: 0 });
    await expect(client.getSubmission('unknown')).rejects.toMatchObject({ kind: 'rate_limited' });
    await expect(client.getSubmission('bad id!')).rejects.toMatchObject({ kind: 'validation', code: 'INVALID_ARGUMENT' });
    expect(client.circuitState()).toBe('closed');
  });
});
