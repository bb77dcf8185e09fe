import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { createHttpMetrics, defaultRouteOf, METRICS_PATH, type MetricsEndpointOptions, serveMetrics } from './metrics';
import { traceHttpRequest } from './tracing';

/** A dependency that `/readyz` checks: resolves when usable, throws (or times out) when not. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, requestId: string) => Promise<void> | void;

export interface HttpServiceOptions {
  /** Names the service's spans. @default 'service' */
  name?: string;
  logger: Logger;
  handler: RequestHandler;
  readiness?: ReadinessCheck[];
  /** Per check; a hung dependency makes /readyz answer 503, never hang. @default 2000 */
  readinessTimeoutMs?: number;
  /** Serve HTTPS; with `clientCa`, only clients presenting a certificate it signed get through (mTLS). @default plain HTTP */
  tls?: HttpServiceTls;
  /** Serve `/metrics` (Prometheus) from these registries and count every request in the first. @default no metrics */
  metrics?: MetricsEndpointOptions;
}

/** PEM strings. */
export interface HttpServiceTls {
  cert: string;
  key: string;
  /** CA that client certificates must chain to; set, the TLS handshake refuses clients without one. */
  clientCa?: string;
}

export interface HttpService {
  server: Server;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Reuses a well-formed inbound `x-request-id` (so logs correlate across hops), else makes one. */
export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

/** One GraphQL error as Apollo Server formats it (message, extensions without `http`), with the status `extensions.http` names (500 without). */
export function sendGraphQLError(res: ServerResponse, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions as { http?: { status?: number } };
  sendJson(res, http?.status ?? 500, { errors: [{ message: error.message, extensions }] });
}

/** An HTTP server with `/healthz` (liveness), `/readyz` (readiness) and, given registries, `/metrics` in front of the service's own handler. */
export function createHttpService({ name = 'service', logger, handler, readiness = [], readinessTimeoutMs = 2000, tls, metrics }: HttpServiceOptions): HttpService {
  const routeOf = metrics?.routeOf ?? defaultRouteOf;
  const httpMetrics = metrics?.registries[0] ? createHttpMetrics(metrics.registries[0], metrics.routeOf) : undefined;
  const listener: RequestListener = async (req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    const path = req.url?.split('?', 1)[0] ?? '/';
    httpMetrics?.track(req, res, path);
    try {
      if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (metrics && path === METRICS_PATH) return await serveMetrics(req, res, metrics);
      if (path === '/readyz') {
        const results = await Promise.all(readiness.map(async (c) => [c.name, await runCheck(c, readinessTimeoutMs)] as const));
        const failed = results.filter(([, error]) => error !== undefined);
        const checks = Object.fromEntries(results.map(([name, error]) => [name, error ? { status: 'down', error } : { status: 'up' }]));
        return sendJson(res, failed.length ? 503 : 200, { status: failed.length ? 'unavailable' : 'ready', checks });
      }
      // Probes and scrapes above stay out of traces; everything the service does for a caller is in one.
      await traceHttpRequest(name, req, res, routeOf(path), async () => handler(req, res, requestId));
    } catch (error) {
      logger.error({ err: error, requestId }, 'unhandled error in HTTP handler');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.destroy();
    }
  };
  const server: Server = tls
    ? createHttpsServer(
        { cert: tls.cert, key: tls.key, ...(tls.clientCa && { ca: tls.clientCa, requestCert: true, rejectUnauthorized: true }) },
        listener,
      )
    : createServer(listener);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // Keep-alive longer than typical load balancers' idle timeout avoids resets on reused sockets.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  return {
    server,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const { port: actual } = server.address() as AddressInfo;
          resolve(`${tls ? 'https' : 'http'}://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${actual}`);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
        // Connections that never sent a byte hold no request, but Node counts them as busy until the
        // headers timeout (clients open them ahead of use); closing waits for nothing they could carry.
        for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy();
      }),
  };
}
