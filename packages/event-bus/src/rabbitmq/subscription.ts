import type { Logger } from '@academy/service-kit';
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { InFlight } from '../in-flight';
import { withDeadline } from '../with-deadline';

export interface SubscriptionSpec {
  /** For logs, e.g. `group billing`. */
  label: string;
  prefetch: number;
  /** Declares the queue (and bindings) on a fresh channel and returns its name. */
  declare(channel: ConfirmChannel): Promise<string>;
  /** Settles the message (ack, retry, dead-letter); must not reject. */
  handle(channel: ConfirmChannel, message: ConsumeMessage): Promise<void>;
}

export interface SubscriptionHost {
  logger: Logger;
  forceReconnect(reason: string): void;
}

/**
 * A consumer that survives reconnects: `attach` runs once per connection, on a confirm channel of
 * its own (its prefetch, its retries' confirms, a cancel that touches nothing else).
 */
export class Subscription {
  private model: ChannelModel | null = null;
  private attaching: Promise<void> = Promise.resolve();
  private channel: ConfirmChannel | null = null;
  private consumerTag: string | null = null;
  private stopped = false;
  private readonly running = new InFlight();

  constructor(
    private readonly spec: SubscriptionSpec,
    private readonly host: SubscriptionHost,
  ) {}

  /** Idempotent per connection: subscribe() and a reconnect's setup may both call it. */
  attach(model: ChannelModel): Promise<void> {
    if (this.model !== model) {
      this.model = model;
      this.attaching = this.attachTo(model);
    }
    return this.attaching;
  }

  /** Cancels the consumer, waits for running handlers (bounded), then closes the channel. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    const channel = this.channel;
    const consumerTag = this.consumerTag;
    this.channel = null;
    if (!channel) return;
    const bounded = (work: Promise<unknown>) => withDeadline(work, timeoutMs, () => new Error('timed out')).catch(() => undefined);
    if (consumerTag) await bounded(channel.cancel(consumerTag));
    await this.running.drain(timeoutMs);
    await bounded(channel.close());
  }

  private async attachTo(model: ChannelModel): Promise<void> {
    const spec = this.spec;
    const host = this.host;
    const channel = await model.createConfirmChannel();
    if (this.stopped || this.model !== model) {
      await channel.close().catch(() => undefined);
      return;
    }
    this.channel = channel;
    this.consumerTag = null;
    channel.on('error', (error: Error) => host.logger.warn({ err: error, subscription: spec.label }, 'rabbitmq: channel error'));
    channel.on('close', () => {
      // Before consuming, a failure rejects attach() and its caller decides; afterwards, only a
      // reconnect brings the consumer back.
      if (this.channel !== channel || this.stopped || this.consumerTag === null) return;
      this.channel = null;
      host.forceReconnect(`${spec.label}: channel closed`);
    });
    await channel.prefetch(spec.prefetch);
    const queue = await spec.declare(channel);
    const { consumerTag } = await channel.consume(queue, (message) => {
      // null: the broker cancelled us (queue deleted); recovery declares it again.
      if (message === null) return host.forceReconnect(`${spec.label}: consumer cancelled by the broker`);
      this.running.track(spec.handle(channel, message));
    });
    this.consumerTag = consumerTag;
  }
}
