import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { RouteOf } from './http-metrics';

export const METRICS_PATH = '/metrics';

export interface MetricsEndpointOptions {
  /** Exposed one after another; their metric names must not overlap (the embedded default adds the shared bus's). */
  registries: Registry[];
  /** When set, scrapes must send `Authorization: Bearer <token>` (METRICS_TOKEN). @default open */
  token?: string | null;
  /** Names routes for the HTTP metrics' `route` label. @default the service kit's paths, else `other` */
  routeOf?: RouteOf;
}

function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Prometheus text exposition of every registry; 401 without the token when one is configured. */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, { registries, token }: MetricsEndpointOptions): Promise<void> {
  if (token && !authorized(req, token)) {
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' });
    res.end('metrics need a bearer token\n');
    return;
  }
  const texts = await Promise.all(registries.map((registry) => registry.metrics()));
  res.writeHead(200, { 'content-type': registries[0]?.contentType ?? 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
  res.end(texts.filter((text) => text.trim() !== '').join('\n'));
}
