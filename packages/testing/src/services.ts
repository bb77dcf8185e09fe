import { inject } from 'vitest';

/** Real servers the suites may use; null where unreachable (and then only outside CI). */
export interface ServiceUrls {
  postgresAdminUrl: string | null;
  redisUrl: string | null;
  amqpUrl: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    services: ServiceUrls;
  }
}

/** What the root global setup found; call at module level to decide which suites run. */
export function testServices(): ServiceUrls {
  return inject('services');
}
