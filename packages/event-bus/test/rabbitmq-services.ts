import { createHook } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { createLogger } from '@academy/service-kit';
import { connect } from 'amqplib';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { deadLetterQueue, retryQueue } from '../src/rabbitmq/topology';

// Tests read the environment here only: where RabbitMQ is, and whether its absence is a failure (CI).
export const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const SERVICES_REQUIRED = process.env.REQUIRE_SERVICES === '1';

export const silentLogger = createLogger({ service: 'event-bus-test', level: 'silent' });

/** A prefix no other run shares, so concurrent runs on one broker never see each other's queues. */
export const uniquePrefix = (): string => `test.${randomUUID().slice(0, 8)}.`;

export async function isRabbitReachable(url = AMQP_URL): Promise<boolean> {
  try {
    const connection = await connect(url, { timeout: 1000 });
    await connection.close();
    return true;
  } catch {
    return false;
  }
}

/** Queues a group may have left behind: itself, its dead letters, and the retry queues of `delays`. */
export function queuesOf(queue: string, delays: number[]): string[] {
  return [queue, deadLetterQueue(queue), ...delays.map((delay) => retryQueue(queue, delay))];
}

/** Deletes queues and exchanges (deleting what does not exist succeeds on RabbitMQ). */
export async function deleteTopology(queues: Iterable<string>, exchanges: Iterable<string>, url = AMQP_URL): Promise<void> {
  const connection = await connect(url, { timeout: 2000 });
  try {
    const channel = await connection.createChannel();
    for (const queue of queues) await channel.deleteQueue(queue);
    for (const exchange of exchanges) await channel.deleteExchange(exchange);
    await channel.close();
  } finally {
    await connection.close();
  }
}

/**
 * A suite that needs RabbitMQ: skipped when it is unreachable, failed instead when REQUIRE_SERVICES=1
 * (CI), so a missing broker can never pass as a green run.
 */
export function describeWithRabbit(name: string, body: () => void, cleanup: () => Promise<void>): void {
  describe(name, () => {
    let reachable = false;
    beforeAll(async () => {
      reachable = await isRabbitReachable();
      if (!reachable && SERVICES_REQUIRED) throw new Error(`RabbitMQ is not reachable at ${AMQP_URL} (REQUIRE_SERVICES=1)`);
    });
    beforeEach((context) => {
      if (!reachable) context.skip(`RabbitMQ is not reachable at ${AMQP_URL}`);
    });
    afterAll(async () => {
      if (reachable) await cleanup();
    });
    body();
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds, failing after `timeoutMs`; avoids fixed sleeps on busy machines. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/**
 * Records sockets and timers created from now on and forgets each one once it is closed, cleared
 * or has fired: what is left after close() is what close() leaked. `settle()` waits with a timer
 * of its own that is not recorded.
 */
export function trackHandles(): { open(): string[]; settle(timeoutMs: number): Promise<void>; stop(): void } {
  const alive = new Map<number, string>();
  let recording = true;
  const hook = createHook({
    init(id, type) {
      if (recording && (type === 'TCPWRAP' || type === 'Timeout' || type === 'Immediate')) alive.set(id, type);
    },
    destroy(id) {
      alive.delete(id);
    },
  }).enable();
  const untrackedSleep = (ms: number) =>
    new Promise<void>((resolve) => {
      recording = false;
      setTimeout(resolve, ms);
      recording = true;
    });
  return {
    open: () => [...alive.values()],
    settle: async (timeoutMs) => {
      for (const started = Date.now(); alive.size > 0 && Date.now() - started < timeoutMs; ) await untrackedSleep(20);
    },
    stop: () => hook.disable(),
  };
}
