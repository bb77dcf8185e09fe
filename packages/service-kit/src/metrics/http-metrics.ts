import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS, metricOf } from './metrics-registry';

/** Names a request's route for the `route` label; unknown paths must map to a fixed value (cardinality). */
export type RouteOf = (path: string) => string;

const KNOWN_ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics']);

export const defaultRouteOf: RouteOf = (path) => (KNOWN_ROUTES.has(path) ? path : 'other');

/** HTTP requests by route, method and status, and their duration until the response finished. */
export function createHttpMetrics(registry: Registry, routeOf: RouteOf = defaultRouteOf) {
  const requests = metricOf(
    registry,
    'academy_http_requests_total',
    () => new Counter({ name: 'academy_http_requests_total', help: 'HTTP requests answered, by route, method and status code.', labelNames: ['route', 'method', 'status'], registers: [registry] }),
  );
  const duration = metricOf(
    registry,
    'academy_http_request_duration_seconds',
    () =>
      new Histogram({
        name: 'academy_http_request_duration_seconds',
        help: 'Time from receiving an HTTP request to finishing its response (streams: until they end).',
        labelNames: ['route', 'method'],
        buckets: LATENCY_BUCKETS,
        registers: [registry],
      }),
  );
  return {
    /** Call when the request arrives; records once the response finishes or the connection closes. */
    track(req: IncomingMessage, res: ServerResponse, path: string): void {
      const started = performance.now();
      const labels = { route: routeOf(path), method: METHODS.has(req.method ?? '') ? req.method! : 'other' };
      let done = false;
      const record = () => {
        if (done) return;
        done = true;
        // A connection closed before any answer is counted as 499, nginx's "client closed request".
        const status = res.headersSent ? String(res.statusCode) : '499';
        requests.inc({ ...labels, status });
        duration.observe(labels, (performance.now() - started) / 1000);
      };
      res.once('finish', record);
      res.once('close', record);
    },
  };
}

const METHODS = new Set(['GET', 'POST', 'OPTIONS', 'HEAD', 'PUT', 'DELETE', 'PATCH']);
