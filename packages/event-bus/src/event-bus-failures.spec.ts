import { expect, it } from 'vitest';
import { describeEachBus, FAST_RETRIES, SLOW_RETRY_DELAY_MS } from '../test/bus-harness';
import { sleep, trackHandles, waitFor } from '../test/rabbitmq-services';
import { newEvent } from './domain-event';
import { EventBusUnavailableError } from './event-bus-errors';

describeEachBus('event bus failures', (harness) => {
  it('retries a failing handler with growing delays until it succeeds', async () => {
    const bus = await harness.open();
    const group = harness.group();
    const calls: number[] = [];
    await bus.consume(
      group,
      ['payment.captured'],
      async () => {
        calls.push(Date.now());
        if (calls.length < 3) throw new Error(`transient failure ${calls.length}`);
      },
      FAST_RETRIES,
    );
    await bus.publish(newEvent('payment.captured', 't', { amount: 10 }));
    await waitFor(() => calls.length === 3);
    await sleep(150);
    expect(calls).toHaveLength(3);
    expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(15); // 20 ms, timers may fire a little early
    expect(calls[2] - calls[1]).toBeGreaterThanOrEqual(35); // doubled: 40 ms
    expect(await bus.deadLetters(group)).toEqual([]);
  });

  it('dead-letters after maxAttempts with the reason, keeps them readable, and replays them', async () => {
    const bus = await harness.open();
    const group = harness.group();
    let healthy = false;
    const handled: string[] = [];
    let calls = 0;
    await bus.consume(
      group,
      ['grade.published'],
      async (event) => {
        calls++;
        if (!healthy) throw new Error('grading service down');
        handled.push(event.id);
      },
      FAST_RETRIES,
    );
    const event = newEvent('grade.published', 'tenant-7', { grade: 9 });
    await bus.publish(event);
    await waitFor(async () => (await bus.deadLetters(group)).length === 1);
    const [letter] = await bus.deadLetters(group);
    expect(letter).toMatchObject({ event, reason: 'grading service down', attempts: 3 });
    expect(Date.parse(letter.failedAt)).toBeGreaterThan(Date.now() - 10_000);
    expect(calls).toBe(3);
    expect(await bus.deadLetters(group)).toHaveLength(1); // reading did not consume them

    healthy = true;
    expect(await bus.replayDeadLetters(group)).toBe(1);
    await waitFor(() => handled.length === 1);
    expect(handled).toEqual([event.id]);
    expect(await bus.deadLetters(group)).toEqual([]);
    expect(await bus.replayDeadLetters(group)).toBe(0);
  });

  it('has no dead letters for a group nobody consumed', async () => {
    const bus = await harness.open();
    const group = harness.group();
    expect(await bus.deadLetters(group)).toEqual([]);
    expect(await bus.replayDeadLetters(group)).toBe(0);
  });

  it('counts a handler that runs past its timeout as a failed attempt', async () => {
    const bus = await harness.open();
    const group = harness.group();
    await bus.consume(group, ['report.requested'], () => new Promise(() => undefined), {
      ...FAST_RETRIES,
      maxAttempts: 1,
      handlerTimeoutMs: 50,
    });
    await bus.publish(newEvent('report.requested', 't', {}));
    await waitFor(async () => (await bus.deadLetters(group)).length === 1);
    expect((await bus.deadLetters(group))[0].reason).toMatch(/timed out after 50 ms/);
  });

  it('reports readiness, and refuses work after close', async () => {
    const bus = await harness.open();
    const check = bus.readiness();
    expect(check.name).toBe(harness.readinessName);
    await expect(check.check()).resolves.toBeUndefined();
    await bus.close();
    await expect(check.check()).rejects.toThrow(EventBusUnavailableError);
    await expect(bus.publish(newEvent('x.y', null, {}))).rejects.toThrow(EventBusUnavailableError);
    await bus.close(); // idempotent
  });

  it('leaves no sockets or timers behind after close, even with retries pending', async () => {
    const handles = trackHandles();
    try {
      const bus = await harness.open();
      let calls = 0;
      await bus.consume(
        harness.group(),
        ['cleanup.tested'],
        async () => {
          calls++;
          throw new Error('keeps failing');
        },
        { ...FAST_RETRIES, retryDelayMs: SLOW_RETRY_DELAY_MS },
      );
      await bus.broadcast(['cleanup.*'], async () => undefined);
      await bus.publish(newEvent('cleanup.tested', null, {}));
      await waitFor(() => calls === 1);
      await sleep(50); // let the failure be parked (a timer in-process, a retry queue on RabbitMQ)
      expect(handles.open().length).toBeGreaterThan(0);
      await bus.close();
      await handles.settle(2000);
      expect(handles.open()).toEqual([]);
    } finally {
      handles.stop();
    }
  });
});
