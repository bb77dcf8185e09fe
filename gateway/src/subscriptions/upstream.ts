import { CONTEXT_TOKEN_HEADER } from '@academy/service-kit';
import type { GraphQLFormattedError } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { SubgraphTls } from '../subgraph-fetcher';
import type { UpstreamEvent } from './event-executor';

export interface UpstreamRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | undefined;
}

export interface UpstreamHandlers {
  next(event: UpstreamEvent): void;
  /**
   * The subgraph failed: closed the socket abnormally or could not be reached (`graphqlErrors`
   * undefined), or refused the operation with GraphQL errors (e.g. FORBIDDEN), which go to the client.
   */
  error(error: Error, graphqlErrors?: readonly GraphQLFormattedError[]): void;
  /** The subgraph completed the subscription. */
  complete(): void;
}

export interface UpstreamOptions {
  /** The subgraph's HTTP(S) routing URL; the socket goes to the same path over ws(s). */
  url: string;
  tls?: SubgraphTls;
  /** The context token for this subgraph, verified once when the socket opens. */
  contextToken: string;
  requestId: string;
  /** Ping interval; a subgraph that stops answering is noticed within about twice this. @default 10_000 */
  keepAliveMs?: number;
}

export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly closeCode?: number,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

function socketUrl(url: string): string {
  return url.replace(/^http(s?):/i, 'ws$1:');
}

/** wss:// to subgraphs checks their certificate against the same CA (and presents the same client certificate) as HTTPS calls. */
function webSocketFor(tls: SubgraphTls | undefined): unknown {
  if (!tls) return WebSocket;
  const { ca, cert, key } = tls;
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { ca, cert, key, rejectUnauthorized: true });
    }
  };
}

function describe(reason: unknown): Error {
  if (reason instanceof Error) return new UpstreamError(reason.message);
  if (Array.isArray(reason)) return new UpstreamError(reason.map((e) => (e as { message?: string }).message ?? String(e)).join('; '));
  const close = reason as { code?: number; reason?: string };
  if (typeof close?.code === 'number') return new UpstreamError(`socket closed (${close.code}${close.reason ? ` ${close.reason}` : ''})`, close.code);
  return new UpstreamError(String(reason));
}

/**
 * One graphql-ws connection to the owning subgraph for one client subscription, so the context
 * token (one principal) and the socket's life are the subscription's. Never retried: a failure ends
 * the client's subscription with an error naming the subgraph, and the client decides to resubscribe.
 */
export function openUpstream({ url, tls, contextToken, requestId, keepAliveMs = 10_000 }: UpstreamOptions, request: UpstreamRequest, handlers: UpstreamHandlers) {
  const impl = webSocketFor(tls);
  let settled = false;
  const settle = (run: () => void) => {
    if (settled) return;
    settled = true;
    run();
  };
  const client: Client = createClient({
    url: socketUrl(url),
    webSocketImpl: impl,
    connectionParams: { [CONTEXT_TOKEN_HEADER]: contextToken, requestId },
    lazy: true,
    retryAttempts: 0,
    keepAlive: keepAliveMs,
    onNonLazyError: () => {},
    on: {
      closed: (event) => {
        const close = event as { code?: number };
        // 1000 is the client's own dispose; anything else while subscribed is the subgraph going away.
        if (close.code !== 1000) settle(() => handlers.error(describe(event)));
      },
    },
  });
  const unsubscribe = client.subscribe(
    { query: request.query, variables: request.variables, operationName: request.operationName },
    {
      next: (value) => {
        if (!settled) handlers.next(value as UpstreamEvent);
      },
      error: (error) => settle(() => handlers.error(describe(error), Array.isArray(error) ? (error as GraphQLFormattedError[]) : undefined)),
      complete: () => settle(() => handlers.complete()),
    },
  );
  return {
    /** Ends the upstream subscription and closes the socket. */
    async close(): Promise<void> {
      settled = true;
      unsubscribe();
      await client.dispose();
    },
  };
}

export type Upstream = ReturnType<typeof openUpstream>;
