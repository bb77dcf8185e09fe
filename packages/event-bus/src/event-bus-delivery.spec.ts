import { expect, it } from 'vitest';
import { describeEachBus } from '../test/bus-harness';
import { sleep, waitFor } from '../test/rabbitmq-services';
import { type DomainEvent, newEvent } from './domain-event';

describeEachBus('event bus delivery', (harness) => {
  it('delivers a published event to a group, as a copy, outside publish', async () => {
    const bus = await harness.open();
    const received: DomainEvent[] = [];
    await bus.consume(harness.group(), ['certification.updated'], async (event) => {
      received.push(event);
    });
    const event = newEvent('certification.updated', 'tenant-1', { certificationId: 'c1', at: new Date(0) });
    const publishing = bus.publish(event);
    expect(received).toEqual([]); // never inside publish's call stack
    await publishing;
    await waitFor(() => received.length === 1);
    // JSON on both implementations: the Date arrives as a string, as it would over the wire.
    expect(received[0]).toEqual({ ...event, payload: { certificationId: 'c1', at: new Date(0).toISOString() } });
  });

  it('routes by type with topic patterns', async () => {
    const bus = await harness.open();
    const received: string[] = [];
    await bus.consume(harness.group(), ['certification.*', 'course.#'], async (event) => {
      received.push(event.type);
    });
    for (const type of ['certification.updated', 'certification.deep.nested', 'course', 'course.lesson.added', 'user.created']) {
      await bus.publish(newEvent(type, null, {}));
    }
    await waitFor(() => received.length === 3);
    await sleep(100);
    expect(received.sort()).toEqual(['certification.updated', 'course', 'course.lesson.added']);
  });

  it('hands each event to one subscriber of a group, and to every group', async () => {
    const bus = await harness.open();
    const [group, other] = [harness.group(), harness.group()];
    const byConsumer: Record<string, string[]> = { a: [], b: [], other: [] };
    const record = (name: string) => async (event: DomainEvent) => {
      await sleep(10); // keeps both competitors busy, so the work is shared
      byConsumer[name].push(event.id);
    };
    await bus.consume(group, ['order.placed'], record('a'));
    await bus.consume(group, ['order.placed'], record('b'));
    await bus.consume(other, ['order.placed'], record('other'));
    const ids = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const event = newEvent('order.placed', 't', {});
        await bus.publish(event);
        return event.id;
      }),
    );
    await waitFor(() => byConsumer.a.length + byConsumer.b.length === 20 && byConsumer.other.length === 20);
    await sleep(100);
    expect([...byConsumer.a, ...byConsumer.b].sort()).toEqual([...ids].sort());
    expect(byConsumer.a.length).toBeGreaterThan(0);
    expect(byConsumer.b.length).toBeGreaterThan(0);
    expect(byConsumer.other.sort()).toEqual([...ids].sort());
  });

  it('broadcasts every event to every broadcaster, next to the groups', async () => {
    const bus = await harness.open();
    const heard: Record<string, string[]> = { first: [], second: [], group: [] };
    const listen = (name: string) => async (event: DomainEvent) => {
      heard[name].push(event.id);
    };
    await bus.broadcast(['session.*'], listen('first'));
    await bus.broadcast(['session.*'], listen('second'));
    await bus.broadcast(['session.*'], async () => {
      throw new Error('a failing listener drops the event for itself only');
    });
    await bus.consume(harness.group(), ['session.started'], listen('group'));
    const event = newEvent('session.started', 't', {});
    await bus.publish(event);
    await waitFor(() => heard.first.length === 1 && heard.second.length === 1 && heard.group.length === 1);
    await sleep(50);
    expect(heard).toEqual({ first: [event.id], second: [event.id], group: [event.id] });
  });

  it('keeps a group subscribed while nobody consumes, and stops delivering after unsubscribe', async () => {
    const bus = await harness.open();
    const group = harness.group();
    const first: string[] = [];
    const stop = await bus.consume(group, ['invoice.*'], async (event) => {
      first.push(event.id);
    });
    await stop();
    const waiting = newEvent('invoice.issued', 't', {});
    await bus.publish(waiting);
    await sleep(100);
    const second: string[] = [];
    await bus.consume(group, ['invoice.*'], async (event) => {
      second.push(event.id);
    });
    await waitFor(() => second.length === 1);
    expect(first).toEqual([]);
    expect(second).toEqual([waiting.id]);
  });

  it('rejects malformed types', async () => {
    const bus = await harness.open();
    await expect(bus.publish(newEvent('course.*', null, {}))).rejects.toThrow(TypeError);
    await expect(bus.consume(harness.group(), [], async () => undefined)).rejects.toThrow(TypeError);
    await expect(bus.broadcast(['bad..type'], async () => undefined)).rejects.toThrow(TypeError);
  });
});
