import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHttpService, type HttpServiceTls, type Logger } from '@academy/service-kit';
import { HttpError, parseBody, readBody, sendError, sendJson } from './http-io';
import { adminRoutes } from './routes/admin-routes';
import type { Route } from './routes/route';
import { standardsRoutes } from './routes/standards-routes';
import { submissionRoutes } from './routes/submission-routes';
import { tokenRoute } from './routes/token-route';
import { verificationRoutes } from './routes/verification-routes';
import { createSandboxState, type SandboxSettings, type SandboxState } from './sandbox-state';

export interface ConocerSandboxOptions extends Partial<Omit<SandboxSettings, 'clientId' | 'clientSecret'>> {
  clientId: string;
  clientSecret: string;
  logger: Logger;
  /** Required in `x-admin-token` by the /admin endpoints when set. @default open */
  adminToken?: string;
  /** Serve HTTPS. @default plain HTTP */
  tls?: HttpServiceTls;
}

export interface ConocerSandbox {
  /** Direct access to the in-memory state, for in-process tests. */
  state: SandboxState;
  /** Resolves to the base URL, e.g. `http://127.0.0.1:4010`. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function bearerOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
}

function checkBearer(req: IncomingMessage, state: SandboxState): void {
  const token = bearerOf(req);
  const verdict = token === null ? 'missing' : state.tokens.check(token);
  if (verdict === 'valid') return;
  const description = verdict === 'expired' ? 'The access token expired' : verdict === 'missing' ? 'A bearer token is required' : 'The access token is not valid';
  // RFC 6750 §3: the challenge says why, so a client can tell "refresh" from "misconfigured".
  const challenge = verdict === 'missing' ? 'Bearer realm="conocer"' : `Bearer realm="conocer", error="invalid_token", error_description="${description}"`;
  throw new HttpError(401, verdict === 'expired' ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN', description, { 'www-authenticate': challenge });
}

/**
 * The CONOCER API as the client speaks it, on node:http, with state in memory (lost on restart) and
 * faults injectable at run time. Never a production dependency: it stands in for CONOCER in
 * development, demos, drills and tests.
 */
export function createConocerSandbox(options: ConocerSandboxOptions): ConocerSandbox {
  const { logger, adminToken, tls } = options;
  const state = createSandboxState({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    issuanceDelayMs: options.issuanceDelayMs ?? 2000,
    maxBatchSize: options.maxBatchSize ?? 500,
  });
  const routes: Route[] = [tokenRoute(state), ...standardsRoutes(state), ...submissionRoutes(state), ...verificationRoutes(state), ...adminRoutes(state)];
  /** Requests a `hang` fault holds; ended on close so the server can stop. */
  const held = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const dispatch = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const onPath = routes.filter((r) => r.path.test(url.pathname));
    const route = onPath.find((r) => r.method === req.method);
    if (!route) {
      if (onPath.length) throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${url.pathname}`, { allow: onPath.map((r) => r.method).join(', ') });
      throw new HttpError(404, 'ROUTE_NOT_FOUND', `No route ${req.method} ${url.pathname}`);
    }
    if (route.access === 'admin' && adminToken !== undefined && !sameText(String(req.headers['x-admin-token'] ?? ''), adminToken)) {
      throw new HttpError(401, 'ADMIN_TOKEN_REQUIRED', 'The sandbox admin endpoints require x-admin-token');
    }
    let responseDelayMs = 0;
    if (route.operation) {
      const fault = state.faults.decide(route.operation);
      if (fault.delayMs > 0) await pause(fault.delayMs);
      if (fault.action === 'hang') {
        held.add(res);
        res.on('close', () => held.delete(res));
        return;
      }
      if (fault.action === 'answer') {
        const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
        throw new HttpError(fault.status, fault.code, fault.message, headers);
      }
      responseDelayMs = fault.responseDelayMs;
    }
    const body = req.method === 'GET' || req.method === 'DELETE' ? {} : parseBody(req, await readBody(req));
    if (route.access === 'bearer') checkBearer(req, state);
    const params = route.path.exec(url.pathname)!.slice(1);
    const answer = await route.handle({ req, params, query: url.searchParams, body });
    if (responseDelayMs > 0) await pause(responseDelayMs);
    if (res.destroyed) return;
    if (answer.status === 204) {
      res.writeHead(204, answer.headers);
      res.end();
    } else {
      sendJson(res, answer.status, answer.body, answer.headers);
    }
  };

  const http = createHttpService({
    logger,
    tls,
    handler: async (req, res, requestId) => {
      try {
        await dispatch(req, res);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        sendError(res, error);
      }
      if (res.writableEnded) logger.debug({ requestId, method: req.method, path: req.url?.split('?', 1)[0], status: res.statusCode }, 'sandbox request');
    },
  });

  return {
    state,
    listen: (port, host = '127.0.0.1') => http.listen(port, host),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const res of held) res.destroy();
      state.ledger.close();
      http.server.closeAllConnections();
      await http.close();
    },
  };
}
