import { STATUS_CODES } from 'node:http';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, type Dispatcher } from 'undici';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherInit = Parameters<Fetcher>[1];

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

/** The response headers as undici hands them over: lower-case names, repeated headers as arrays. */
type RawHeaders = Record<string, string | string[] | undefined>;

/** `get` (case-insensitive, repeated values joined as WHATWG Headers does) over undici's raw headers. */
export class SubgraphResponseHeaders {
  constructor(private readonly raw: RawHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw)) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }

  [Symbol.iterator]() {
    return this.entries();
  }
}

/**
 * A subgraph's answer, body already read: the part of the Fetch API `Response` that Apollo's
 * RemoteGraphQLDataSource and the tenancy client use (`ok`, `status`, `statusText`, `url`,
 * `headers.get`, `json()`, `text()`).
 */
export class SubgraphResponse {
  readonly ok: boolean;
  readonly statusText: string;
  readonly headers: SubgraphResponseHeaders;

  constructor(
    readonly url: string,
    readonly status: number,
    headers: RawHeaders,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.statusText = STATUS_CODES[status] ?? '';
    this.headers = new SubgraphResponseHeaders(headers);
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
}

interface Target {
  origin: string;
  path: string;
}

/** Parsed once per URL: a gateway calls a handful of subgraph URLs millions of times. */
function targetCache() {
  const targets = new Map<string, Target>();
  return (url: string): Target => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      if (targets.size > 1_000) targets.clear();
      targets.set(url, target);
    }
    return target;
  };
}

function headersOf(init: FetcherInit): Record<string, string> | undefined {
  const headers = init?.headers as unknown;
  if (headers === undefined || headers === null) return undefined;
  // Apollo passes a plain object; a Headers instance or entry list (other callers) is flattened the same way.
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function') return Object.fromEntries(headers as Iterable<[string, string]>);
  return headers as Record<string, string>;
}

/**
 * One keep-alive connection pool per subgraph origin (undici's Agent), shared by every data source,
 * so each subgraph call reuses a warm socket instead of paying a TCP handshake.
 *
 * Calls go through undici's `dispatch` with a handler that collects the body, not its `fetch` (a WHATWG
 * `Request`, a `Response` with a web `ReadableStream` and, for the deadline, transferable `AbortSignal`s
 * on every call: about a third of the gateway's CPU) nor its `request` (a Node `Readable` per body).
 */
export function createSubgraphAgent({ keepAliveTimeoutMs = 30_000, connectionsPerOrigin = 128, tls }: SubgraphAgentOptions = {}) {
  const agent = new Agent({
    keepAliveTimeout: keepAliveTimeoutMs,
    keepAliveMaxTimeout: keepAliveTimeoutMs * 2,
    connections: connectionsPerOrigin,
    // Passed to tls.connect: the server certificate is checked against `ca` (and the host name), never skipped.
    ...(tls && { connect: { ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: true } }),
  });
  const targetOf = targetCache();

  /**
   * A fetcher for RemoteGraphQLDataSource whose whole exchange (connect, headers, body) has a
   * deadline. The body is read before it resolves, so the deadline covers it without a signal
   * outliving the call.
   */
  function fetcher(timeoutMs: number): Fetcher {
    return (url, init = {}) => {
      const { origin, path } = targetOf(url);
      const callerSignal = init.signal as AbortSignal | null | undefined;
      if (callerSignal?.aborted) return Promise.reject(callerSignal.reason ?? new Error('aborted'));
      return new Promise<FetcherResponse>((resolve, reject) => {
        let controller: Dispatcher.DispatchController | undefined;
        let statusCode = 0;
        let headers: RawHeaders = {};
        let chunks: Buffer[] = [];
        let settled = false;
        const finish = (error: unknown, response?: FetcherResponse) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          callerSignal?.removeEventListener('abort', onCallerAbort);
          if (error) {
            controller?.abort(error as Error);
            reject(error);
          } else resolve(response!);
        };
        const timer = setTimeout(() => finish(new SubgraphTimeoutError(timeoutMs)), timeoutMs);
        const onCallerAbort = () => finish(callerSignal?.reason ?? new Error('aborted'));
        callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
        try {
          agent.dispatch(
            {
              origin,
              path,
              method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
              headers: headersOf(init),
              body: init.body as string | undefined,
              // The deadline above bounds the exchange; undici's own idle timeouts stay out of its way.
              headersTimeout: 0,
              bodyTimeout: 0,
            },
            {
              onRequestStart(started) {
                controller = started;
                if (settled) started.abort(new Error('the call ended before it started'));
              },
              onResponseStart(_controller, status, responseHeaders) {
                statusCode = status;
                headers = responseHeaders as RawHeaders;
                chunks = [];
              },
              onResponseData(_controller, chunk) {
                chunks.push(chunk);
              },
              onResponseEnd() {
                const body = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
                finish(null, new SubgraphResponse(url, statusCode, headers, body) as unknown as FetcherResponse);
              },
              onResponseError(_controller, error) {
                finish(error);
              },
            },
          );
        } catch (error) {
          finish(error);
        }
      });
    };
  }

  return { fetcher, close: () => agent.close() };
}

export type SubgraphAgent = ReturnType<typeof createSubgraphAgent>;
