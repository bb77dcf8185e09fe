import { connect } from 'node:net';
import type { ServiceUrls } from '@academy/testing';
import type { TestProject } from 'vitest/node';

/**
 * Finds which real servers the suites can use. Suites that need one skip without it, unless
 * REQUIRE_SERVICES=1 (CI), where a missing server fails the run instead of hiding a whole suite.
 */
function reachable(url: string, fallbackPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname || '127.0.0.1', port: Number(port || fallbackPort), timeout: 1000 });
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('timeout', () => socket.destroy() && resolve(false));
    socket.once('error', () => resolve(false));
  });
}

export default async function setup(project: TestProject): Promise<void> {
  const candidates = {
    postgresAdminUrl: [process.env.POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres', 5432],
    redisUrl: [process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 6379],
    amqpUrl: [process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672', 5672],
  } as const;
  const services = {} as ServiceUrls;
  const missing: string[] = [];
  for (const [name, [url, port]] of Object.entries(candidates) as [keyof ServiceUrls, readonly [string, number]][]) {
    const up = await reachable(url, port);
    services[name] = up ? url : null;
    if (!up) missing.push(`${name} (${url})`);
  }
  if (missing.length && process.env.REQUIRE_SERVICES === '1') {
    throw new Error(`REQUIRE_SERVICES=1 but these servers are unreachable: ${missing.join(', ')}`);
  }
  project.provide('services', services);
}
