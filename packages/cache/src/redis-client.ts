import type { Logger } from '@academy/service-kit';
import { Redis } from 'ioredis';

export interface RedisClientOptions {
  url: string;
  keyPrefix: string;
  commandTimeoutMs: number;
  logger: Logger;
  role: 'commands' | 'subscriber';
}

/**
 * Fail fast rather than queue: with the offline queue off and one retry per request, a call made
 * while Redis is down rejects at once, so a request degrades instead of piling up behind an outage.
 */
export function createRedisClient({ url, keyPrefix, commandTimeoutMs, logger, role }: RedisClientOptions): Redis {
  const client = new Redis(url, {
    keyPrefix,
    commandTimeout: commandTimeoutMs,
    connectTimeout: Math.max(commandTimeoutMs, 1000),
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    // Capped so a long outage is noticed within seconds of Redis coming back.
    retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 5000),
    connectionName: `academy-${role}`,
  });
  // Log transitions, not every failed reconnect attempt, so an outage is one warning, not a flood.
  let healthy = true;
  client.on('error', (error: Error) => {
    if (!healthy) return;
    healthy = false;
    logger.warn({ err: error, role }, 'redis connection lost; commands fail fast until it is back');
  });
  client.on('ready', () => {
    if (healthy) return;
    healthy = true;
    logger.info({ role }, 'redis connection restored');
  });
  return client;
}

/**
 * Resolves when the client can take a command. Only the first connection is waited for (bounded);
 * during a reconnect it rejects at once, because `enableOfflineQueue: false` would reject anyway
 * with a less helpful message.
 */
export function whenReady(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  if (client.status !== 'connecting' && client.status !== 'connect' && client.status !== 'wait') {
    return Promise.reject(new Error(`Redis is unavailable (connection ${client.status})`));
  }
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('error', onError);
      client.off('end', onEnd);
      if (error) reject(error);
      else resolve();
    };
    const onReady = () => settle();
    const onError = (error: Error) => settle(new Error(`Redis is unavailable: ${error.message}`));
    const onEnd = () => settle(new Error('Redis connection is closed'));
    const timer = setTimeout(() => settle(new Error(`Redis did not connect within ${timeoutMs} ms`)), timeoutMs);
    client.on('ready', onReady);
    client.on('error', onError);
    client.on('end', onEnd);
    if (client.status === 'wait') client.connect().catch(() => undefined);
  });
}

/** Closes politely when connected (pending replies arrive), otherwise just drops the socket. */
export async function closeClient(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'end') return;
  if (client.status === 'ready') {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([client.quit().then(() => undefined, () => undefined), deadline]);
    clearTimeout(timer);
  }
  client.disconnect();
}
