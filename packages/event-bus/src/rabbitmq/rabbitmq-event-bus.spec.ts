import { connect } from 'amqplib';
import { afterEach, describe, expect, it } from 'vitest';
import { AMQP_URL, deleteTopology, describeWithRabbit, queuesOf, silentLogger, uniquePrefix, waitFor } from '../../test/rabbitmq-services';
import { startTcpProxy, type TcpProxy } from '@academy/testing';
import { type DomainEvent, newEvent } from '../domain-event';
import type { EventBus } from '../event-bus';
import { EventBusUnavailableError } from '../event-bus-errors';
import { createRabbitMqEventBus, type RabbitMqEventBusOptions } from './rabbitmq-event-bus';
import { groupQueue } from './topology';

const prefix = uniquePrefix();
const GROUPS = ['replicas', 'restart', 'outage', 'malformed', 'conflict', 'bystander'];
const fast = { maxAttempts: 2, retryDelayMs: 20 };

describe('rabbitmq event bus without a broker', () => {
  it('rejects creation quickly with EventBusUnavailableError', async () => {
    const started = Date.now();
    await expect(createRabbitMqEventBus({ url: 'amqp://guest:guest@127.0.0.1:1', logger: silentLogger })).rejects.toThrow(
      EventBusUnavailableError,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describeWithRabbit(
  'rabbitmq event bus',
  () => {
    const buses: EventBus[] = [];
    const proxies: TcpProxy[] = [];
    const open = async (overrides: Partial<RabbitMqEventBusOptions> = {}) => {
      const bus = await createRabbitMqEventBus({ url: AMQP_URL, logger: silentLogger, prefix, ...overrides });
      buses.push(bus);
      return bus;
    };
    afterEach(async () => {
      await Promise.all(buses.splice(0).map((bus) => bus.close()));
      await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
    });

    it('shares a group between replicas and broadcasts to each of them', async () => {
      const [a, b] = [await open(), await open()];
      const handled: Record<string, string[]> = { a: [], b: [] };
      const heard: Record<string, string[]> = { a: [], b: [] };
      for (const [name, bus] of [['a', a], ['b', b]] as const) {
        await bus.consume('replicas', ['enrollment.created'], async (event) => {
          await new Promise((resolve) => setTimeout(resolve, 10));
          handled[name].push(event.id);
        });
        await bus.broadcast(['enrollment.#'], async (event) => {
          heard[name].push(event.id);
        });
      }
      for (let i = 0; i < 10; i++) await a.publish(newEvent('enrollment.created', 't', { i }));
      await waitFor(() => handled.a.length + handled.b.length === 10 && heard.a.length === 10 && heard.b.length === 10);
      expect(new Set([...handled.a, ...handled.b]).size).toBe(10);
      expect(handled.a.length).toBeGreaterThan(0);
      expect(handled.b.length).toBeGreaterThan(0);
    });

    it('keeps dead letters across a restart of the process', async () => {
      const first = await open();
      await first.consume('restart', ['course.archived'], async () => Promise.reject(new Error('cannot archive')), fast);
      const event = newEvent('course.archived', 'tenant-2', { courseId: 'c9' });
      await first.publish(event);
      await waitFor(async () => (await first.deadLetters('restart')).length === 1);
      await first.close();

      const second = await open();
      expect(await second.deadLetters('restart')).toMatchObject([{ event, reason: 'cannot archive', attempts: 2 }]);
    });

    it('fails fast while disconnected and recovers its consumers after reconnecting', async () => {
      const { hostname, port } = new URL(AMQP_URL);
      const proxy = await startTcpProxy(hostname, Number(port || 5672));
      proxies.push(proxy);
      const url = AMQP_URL.replace(`${hostname}:${port || 5672}`, `127.0.0.1:${proxy.port}`);
      const bus = await open({ url, reconnectDelayMs: 50, maxReconnectDelayMs: 200 });
      const handled: DomainEvent[] = [];
      const heard: DomainEvent[] = [];
      await bus.consume('outage', ['lesson.completed'], async (event) => {
        handled.push(event);
      });
      await bus.broadcast(['lesson.completed'], async (event) => {
        heard.push(event);
      });

      proxy.interrupt();
      await waitFor(async () => bus.readiness().check().then(() => false, () => true));
      const started = Date.now();
      await expect(bus.publish(newEvent('lesson.completed', 't', {}))).rejects.toThrow(EventBusUnavailableError);
      expect(Date.now() - started).toBeLessThan(100);

      proxy.resume();
      await waitFor(async () => bus.readiness().check().then(() => true, () => false), 10_000);
      const event = newEvent('lesson.completed', 't', { lesson: 3 });
      await bus.publish(event);
      await waitFor(() => handled.length === 1 && heard.length === 1);
      expect(handled[0].id).toBe(event.id);
      expect(heard[0].id).toBe(event.id);
    });

    it('rejects a consume whose queue conflicts, without disturbing other consumers', async () => {
      const bus = await open();
      const handled: string[] = [];
      await bus.consume('bystander', ['audit.logged'], async (event) => {
        handled.push(event.id);
      });
      const connection = await connect(AMQP_URL);
      const channel = await connection.createChannel();
      await channel.assertQueue(groupQueue(prefix, 'conflict'), { durable: true, arguments: { 'x-max-length': 1 } });
      await connection.close();

      await expect(bus.consume('conflict', ['audit.logged'], async () => undefined)).rejects.toThrow(/PRECONDITION_FAILED/);
      await expect(bus.readiness().check()).resolves.toBeUndefined();
      const event = newEvent('audit.logged', 't', {});
      await bus.publish(event);
      await waitFor(() => handled.length === 1);
    });

    it('dead-letters a message that is not an event without retrying it', async () => {
      const bus = await open();
      let calls = 0;
      await bus.consume('malformed', ['raw.bytes'], async () => {
        calls++;
      });
      const connection = await connect(AMQP_URL);
      const channel = await connection.createConfirmChannel();
      channel.publish(`${prefix}academy.events`, 'raw.bytes', Buffer.from('not json'), { messageId: 'm-1', type: 'raw.bytes' });
      await channel.waitForConfirms();
      await connection.close();
      await waitFor(async () => (await bus.deadLetters('malformed')).length === 1);
      const [letter] = await bus.deadLetters('malformed');
      expect(letter.reason).toMatch(/^malformed event/);
      expect(letter.event).toMatchObject({ id: 'm-1', type: 'raw.bytes', payload: 'not json' });
      expect(calls).toBe(0);
    });
  },
  () => deleteTopology(GROUPS.flatMap((group) => queuesOf(groupQueue(prefix, group), [20, 40])), [`${prefix}academy.events`]),
);
