import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, fetch } from 'undici';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** Raised when a subgraph does not answer within its timeout. */
export class SubgraphTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no response within ${timeoutMs} ms`);
    this.name = 'SubgraphTimeoutError';
  }
}

export interface SubgraphAgentOptions {
  /** Idle sockets are kept this long for reuse. @default 30_000 */
  keepAliveTimeoutMs?: number;
  /** Sockets per subgraph origin; beyond it requests queue. @default 128 */
  connectionsPerOrigin?: number;
  /** For `https://` subgraphs: the CA to trust and the client certificate to present (mTLS). @default the system CAs, no client certificate */
  tls?: SubgraphTls;
}

/** PEM strings. */
export interface SubgraphTls {
  ca?: string;
  cert?: string;
  key?: string;
}

/**
 * One keep-alive connection pool per subgraph origin (undici's Agent), shared by every data source,
 * so each subgraph call reuses a warm socket instead of paying a TCP handshake.
 */
export function createSubgraphAgent({ keepAliveTimeoutMs = 30_000, connectionsPerOrigin = 128, tls }: SubgraphAgentOptions = {}) {
  const agent = new Agent({
    keepAliveTimeout: keepAliveTimeoutMs,
    keepAliveMaxTimeout: keepAliveTimeoutMs * 2,
    connections: connectionsPerOrigin,
    // Passed to tls.connect: the server certificate is checked against `ca` (and the host name), never skipped.
    ...(tls && { connect: { ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: true } }),
  });

  /** A fetcher for RemoteGraphQLDataSource whose whole exchange (connect, headers, body) has a deadline. */
  function fetcher(timeoutMs: number): Fetcher {
    return async (url, init = {}) => {
      const deadline = AbortSignal.timeout(timeoutMs);
      try {
        const response = await fetch(url, {
          method: init.method,
          headers: init.headers,
          body: init.body,
          signal: init.signal ? AbortSignal.any([init.signal, deadline]) : deadline,
          dispatcher: agent,
        });
        // undici's Response has everything Apollo's Fetcher reads; the types differ only in `clone()`'s nominal type.
        return response as unknown as FetcherResponse;
      } catch (error) {
        if (deadline.aborted) throw new SubgraphTimeoutError(timeoutMs);
        throw error;
      }
    };
  }

  return { fetcher, close: () => agent.close() };
}

export type SubgraphAgent = ReturnType<typeof createSubgraphAgent>;
