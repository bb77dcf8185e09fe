import type { Logger } from '@academy/service-kit';
import { type ChannelModel, type ConfirmChannel, connect, type RecoveringChannelModel } from 'amqplib';
import { errorMessage } from '../consume-options';
import { EventBusUnavailableError } from '../event-bus-errors';
import { withDeadline } from '../with-deadline';
import { declareExchange } from './topology';

export interface RabbitMqConnectionOptions {
  url: string;
  exchange: string;
  logger: Logger;
  operationTimeoutMs: number;
  reconnectDelayMs: number;
  maxReconnectDelayMs: number;
  /** Re-attaches consumers on every new connection; a throw makes that connection count as failed. */
  onConnect: (model: ChannelModel) => Promise<void>;
}

/**
 * One connection, recovered by amqplib with capped, jittered backoff. Everything on it (exchange,
 * publisher channel, consumers) is declared afresh on each connection, so there is one recovery
 * path; a long-lived channel that closes on its own forces a reconnect to take that path too.
 */
export class RabbitMqConnection {
  private model: ChannelModel | null = null;
  /** The connection being set up, not yet offered to callers. */
  private settingUp: ChannelModel | null = null;
  private publisher: ConfirmChannel | null = null;
  private closing = false;

  private constructor(
    private readonly recovering: RecoveringChannelModel,
    private readonly options: RabbitMqConnectionOptions,
  ) {}

  static async open(options: RabbitMqConnectionOptions): Promise<RabbitMqConnection> {
    let self: RabbitMqConnection | undefined;
    const recovering = await connect(options.url, {
      timeout: options.operationTimeoutMs,
      recovery: {
        initialDelay: options.reconnectDelayMs,
        maxDelay: options.maxReconnectDelayMs,
        // Fail a start against an unreachable broker at once (the service exits, its supervisor
        // restarts it); once connected, retry for ever.
        initialMaxRetries: 0,
        waitForConnect: false,
        setup: (model: ChannelModel) => self!.setUp(model),
      },
    });
    self = new RabbitMqConnection(recovering, options);
    self.watch();
    try {
      await withDeadline(recovering.waitForConnect(), options.operationTimeoutMs * 2, () => new Error('connect timed out'));
      return self;
    } catch (error) {
      await self.close();
      throw new EventBusUnavailableError(`cannot connect to RabbitMQ: ${errorMessage(error)}`);
    }
  }

  /** The live connection; throws at once while disconnected so callers never wait on an outage. */
  currentModel(): ChannelModel {
    if (!this.model) throw new EventBusUnavailableError('RabbitMQ is not connected');
    return this.model;
  }

  publisherChannel(): ConfirmChannel {
    if (!this.publisher) throw new EventBusUnavailableError('RabbitMQ is not connected; event not published');
    return this.publisher;
  }

  /** Drops the current connection so recovery declares everything again. */
  forceReconnect(reason: string): void {
    const model = this.model ?? this.settingUp;
    if (!model || this.closing) return;
    this.options.logger.warn({ reason }, 'rabbitmq: reconnecting to recover');
    this.model = null;
    this.settingUp = null;
    this.publisher = null;
    model.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.model = null;
    this.publisher = null;
    await withDeadline(this.recovering.close(), this.options.operationTimeoutMs, () => new Error('close timed out')).catch(
      (error: unknown) => this.options.logger.warn({ err: error }, 'rabbitmq: connection did not close cleanly'),
    );
  }

  private async setUp(model: ChannelModel): Promise<void> {
    const { logger, exchange, operationTimeoutMs, onConnect } = this.options;
    // Until amqplib binds its own listener after setup, an 'error' here would crash the process.
    const onError = (error: Error) => logger.warn({ err: error }, 'rabbitmq: connection error during setup');
    model.on('error', onError);
    let abandoned = false;
    this.settingUp = model;
    const declareAll = async () => {
      const publisher = await model.createConfirmChannel();
      publisher.on('error', (error: Error) => logger.warn({ err: error }, 'rabbitmq: publisher channel error'));
      publisher.on('close', () => {
        if (this.publisher === publisher) this.forceReconnect('publisher channel closed');
      });
      await declareExchange(publisher, exchange);
      await onConnect(model);
      // A late reply after the deadline, or a forced reconnect meanwhile, must not resurrect a
      // connection that is being closed.
      if (abandoned || this.settingUp !== model) throw new Error('connection dropped during setup');
      // Ready only now: a broadcast queue declared after the first publish would miss it.
      this.model = model;
      this.publisher = publisher;
    };
    try {
      await withDeadline(declareAll(), operationTimeoutMs * 2, () => new Error('declaring exchange and consumers timed out'));
    } catch (error) {
      abandoned = true;
      this.model = null;
      this.publisher = null;
      throw error;
    } finally {
      this.settingUp = null;
      model.off('error', onError);
    }
  }

  private watch(): void {
    const { logger } = this.options;
    const events = this.recovering;
    events.on('error', (error: Error) => logger.warn({ err: error }, 'rabbitmq: connection error'));
    events.on('connect', () => logger.info('rabbitmq: connected'));
    events.on('disconnect', (error: Error) => {
      this.model = null;
      this.publisher = null;
      if (!this.closing) logger.warn({ err: error }, 'rabbitmq: connection lost; publishing fails fast until it is back');
    });
    events.on('reconnect-scheduled', ({ attempt, delay, error }: { attempt: number; delay: number; error: Error }) =>
      logger.info({ attempt, delayMs: delay, reason: error.message }, 'rabbitmq: reconnect scheduled'),
    );
    events.on('blocked', (reason: string) => logger.warn({ reason }, 'rabbitmq: broker blocked publishing'));
    events.on('unblocked', () => logger.info('rabbitmq: broker unblocked publishing'));
  }
}
