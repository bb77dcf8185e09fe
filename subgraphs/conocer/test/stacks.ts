import type { DatabaseDialect, Infrastructure } from '@academy/subgraph-kit';
import { testServices } from '@academy/testing';
import { postgresAdminUrl } from './harness';
import { rabbitInfrastructure } from './rabbitmq-infrastructure';

const { amqpUrl, redisUrl } = testServices();

/** Where a suite runs: the embedded default, and the production servers when the global setup found them. */
export interface Stack {
  name: string;
  enabled: boolean;
  dialect: DatabaseDialect;
  /** Undefined: the service's own in-process bus and in-memory store. */
  infrastructure(): Promise<Infrastructure | undefined>;
}

export const stacks: Stack[] = [
  { name: 'SQLite and the in-process bus', enabled: true, dialect: 'sqlite', infrastructure: async () => undefined },
  {
    name: 'PostgreSQL, RabbitMQ and Redis',
    enabled: postgresAdminUrl !== null && amqpUrl !== null,
    dialect: 'postgresql',
    infrastructure: () => rabbitInfrastructure(amqpUrl!, redisUrl),
  },
];
