import { randomUUID } from 'node:crypto';
import { createInfrastructure, type Infrastructure } from '@academy/subgraph-kit';
import { connect } from 'amqplib';
import { COMPLETION_GROUP } from '../src';
import { logger } from './harness';

/** The consumer groups conocer declares; their queues (and dead-letter queues) are deleted after a test. */
const GROUPS = ['conocer.certification-submissions', COMPLETION_GROUP];

/**
 * RabbitMQ (and Redis when given) under a prefix no other run shares: queues, exchange and keys are
 * this test's alone, and `close` deletes the keys, the queues and the exchange (retry queues expire by themselves).
 */
export async function rabbitInfrastructure(amqpUrl: string, redisUrl: string | null): Promise<Infrastructure> {
  const prefix = `conocer-test.${randomUUID().slice(0, 8)}.`;
  const infrastructure = await createInfrastructure({ amqpUrl, redisUrl, logger, prefix });
  return {
    ...infrastructure,
    close: async () => {
      if (infrastructure.store.redis) {
        const admin = infrastructure.store.redis.duplicate({ keyPrefix: '', enableOfflineQueue: true });
        try {
          let cursor = '0';
          do {
            const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
            if (keys.length) await admin.del(...keys);
            cursor = next;
          } while (cursor !== '0');
        } finally {
          admin.disconnect();
        }
      }
      await infrastructure.close();
      const connection = await connect(amqpUrl);
      try {
        const channel = await connection.createChannel();
        for (const group of GROUPS) {
          await channel.deleteQueue(`${prefix}${group}`);
          await channel.deleteQueue(`${prefix}${group}.dead`);
        }
        await channel.deleteExchange(`${prefix}academy.events`);
        await channel.close();
      } finally {
        await connection.close();
      }
    },
  };
}
