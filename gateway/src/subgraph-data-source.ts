import { randomUUID } from 'node:crypto';
import { CONTEXT_TOKEN_HEADER, type ContextTokenSigner, headerSetter, type Logger } from '@academy/service-kit';
import { context, propagation } from '@opentelemetry/api';
import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { type GatewayContext, gatewayServicePrincipal } from './context';
import type { GatewayMetrics } from './metrics';
import { BrokenCircuitError, type FailureKind, type SubgraphGuard } from './resilience';
import { SubgraphTimeoutError } from './subgraph-fetcher';
import type { TransformPlugin } from './transforms';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
/** A call made for a client's operation (not a health check or schema load). */
type ClientCall = Extract<GraphQLDataSourceProcessOptions<GatewayContext>, { incomingRequestContext: unknown }>;

export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph; also the context token's audience. */
  name: string;
  url: string;
  signer: ContextTokenSigner;
  /** Built by `createSubgraphAgent().fetcher(timeoutMs)`. */
  fetcher: Fetcher;
  /** Circuit breaker and query retries. @default none (every call goes out once) */
  guard?: SubgraphGuard;
  logger: Logger;
  /** Counts each call's outcome and duration. @default not counted */
  metrics?: Pick<GatewayMetrics, 'subgraphFetch'>;
  /** Per-tenant changes to each call (header propagation). @default none */
  transforms?: readonly TransformPlugin[];
}

/** A DOWNSTREAM_SERVICE_ERROR that remembers how the call failed (resilience reads it; clients never see it). */
class SubgraphFailure extends GraphQLError {
  constructor(
    message: string,
    extensions: Record<string, unknown>,
    readonly failure: FailureKind | null,
  ) {
    super(message, { extensions });
  }
}

/** The guard's view of an error thrown by `process`: only infrastructure failures count. */
export function failureOf(error: unknown): FailureKind | null {
  return error instanceof SubgraphFailure ? error.failure : null;
}

/**
 * The cache hint a subgraph's `Cache-Control` header gives (Apollo's reading of it): `max-age` when
 * numeric, else 0, so a subgraph that sends none makes the whole response uncacheable.
 */
export function cacheHintOf(header: string | null): { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } {
  const hint: ReturnType<typeof cacheHintOf> = { maxAge: 0 };
  for (const part of header?.split(',') ?? []) {
    const [directive = '', value = ''] = part.split('=', 2).map((s) => s.trim().replace(/^"|"$/g, ''));
    if (directive === 'max-age' && /^[0-9]+$/.test(value)) hint.maxAge = Number(value);
    else if (directive === 'private') hint.scope = 'PRIVATE';
    else if (directive === 'public') hint.scope = 'PUBLIC';
  }
  return hint;
}

/** The planner's operations start with their keyword, except anonymous queries (`{…}`). */
const MUTATION = /^\s*mutation\b/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Calls one subgraph. This is the one place where identity leaves the gateway: each call carries a
 * freshly signed context token for this subgraph only, and no client header is forwarded except by
 * the tenant's header propagation rules (which never include credentials).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly name: string;
  private readonly signer: ContextTokenSigner;
  private readonly guard?: SubgraphGuard;
  private readonly logger: Logger;
  private readonly metrics: SubgraphDataSourceOptions['metrics'];
  private readonly transforms: readonly TransformPlugin[];

  constructor({ name, url, signer, fetcher, guard, logger, metrics, transforms = [] }: SubgraphDataSourceOptions) {
    super({ url, fetcher });
    this.name = name;
    this.signer = signer;
    this.guard = guard;
    this.logger = logger.child({ subgraph: name });
    this.metrics = metrics;
    this.transforms = transforms;
  }

  /**
   * Times every call (retries included): `ok`, `error` (GraphQL errors in the answer) or `failure` (no
   * usable answer, an open circuit included).
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const response = await this.guarded(options);
      this.metrics?.subgraphFetch(this.name, response.errors?.length ? 'error' : 'ok', seconds());
      return response;
    } catch (error) {
      this.metrics?.subgraphFetch(this.name, 'failure', seconds());
      throw error;
    }
  }

  /** Through the subgraph's circuit breaker; queries (never mutations) are retried on a failed call. */
  private async guarded(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const guard = this.guard;
    if (!guard) return this.send(options);
    try {
      return await guard.run(() => this.send(options), { retryable: !MUTATION.test(options.request.query ?? '') });
    } catch (error) {
      if (!(error instanceof BrokenCircuitError)) throw error;
      throw new GraphQLError(`Subgraph "${this.name}" is failing; calls are paused for a moment (circuit open)`, {
        extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: this.name, circuit: 'open' },
      });
    }
  }

  /**
   * One call, as RemoteGraphQLDataSource's `process` makes it for this gateway (no APQ to subgraphs,
   * the subgraph's Cache-Control narrowing the client's cache policy), with plain header objects:
   * its WHATWG `Headers` and an unused `Request` built per call were about 5 % of the gateway's CPU.
   */
  private async send(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    // Health checks and schema loads run outside any client request; they go out as the gateway itself.
    // (The request-kind enum is not exported, so the incoming request context tells the kinds apart.)
    const client = 'incomingRequestContext' in options ? options : null;
    const headers = await this.outgoingHeaders(client);
    // The executor's own (the federated-tracing request when traces are captured).
    for (const [name, value] of request.http?.headers ?? []) headers[name] ??= value;
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions });
    let response: FetcherResponse | undefined;
    let answer: unknown;
    try {
      response = await this.fetcher(this.url, { method: 'POST', headers, body });
      if (!response.ok) throw await this.errorFromResponse(response);
      answer = await this.parseBody(response);
      if (!isRecord(answer)) throw new Error(`Expected JSON response body, but received: ${String(answer)}`);
    } catch (error) {
      this.didEncounterError(error as Error, undefined, response, client?.context);
    }
    const policy = client?.incomingRequestContext.overallCachePolicy;
    if (policy && 'restrict' in policy) policy.restrict(cacheHintOf(response.headers.get('cache-control')));
    return { ...answer, http: response } as GatewayGraphQLResponse;
  }

  private async outgoingHeaders(client: ClientCall | null): Promise<Record<string, string>> {
    const principal = client ? client.context.principal : gatewayServicePrincipal(randomUUID());
    const headers: Record<string, string> = {};
    const setter = {
      set: (name: string, value: string) => {
        headers[name.toLowerCase()] = value;
      },
    };
    // Tenant rules first, so the gateway's own headers below always win.
    const tenant = client?.context.tenant;
    const clientHeaders = client?.incomingRequestContext.request.http?.headers;
    if (tenant && clientHeaders) {
      for (const transform of this.transforms) transform.subgraphRequest?.({ subgraph: this.name, tenant, clientHeaders, headers: setter, logger: client.context.logger });
    }
    headers['content-type'] = 'application/json';
    headers['x-request-id'] = principal.requestId;
    // The subgraph continues this request's trace (W3C traceparent/tracestate).
    propagation.inject(context.active(), headers, headerSetter);
    headers[CONTEXT_TOKEN_HEADER] = await this.signer.sign(principal, this.name);
    return headers;
  }

  /**
   * A non-2xx answer keeps the subgraph's own first error (message and code) when it sent one, and on a
   * 4xx (the caller's mistake, worded for the caller) its other extensions too, such as a refusal's
   * `reason` or `limit`; never its stack trace or transport details. The subgraph's URL and raw body stay
   * out of the client's view.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = await this.parseBody(response).catch(() => undefined);
    const first = isRecord(body) && Array.isArray(body.errors) && isRecord(body.errors[0]) ? body.errors[0] : undefined;
    const { code, stacktrace: _stack, exception: _exception, http: _http, ...details } = isRecord(first?.extensions) ? first.extensions : {};
    const clientError = response.status >= 400 && response.status < 500;
    return new SubgraphFailure(
      typeof first?.message === 'string' ? first.message : `Subgraph "${this.name}" answered HTTP ${response.status}`,
      { ...(clientError ? details : {}), code: typeof code === 'string' ? code : 'DOWNSTREAM_SERVICE_ERROR', serviceName: this.name, subgraphHttpStatus: response.status },
      response.status >= 500 ? 'server_error' : null,
    );
  }

  /** Network failures and timeouts become DOWNSTREAM_SERVICE_ERROR naming the subgraph; the cause is logged, not shown. */
  override didEncounterError(error: Error, _fetchRequest?: unknown, _fetchResponse?: unknown, context?: GatewayContext): never {
    const logger = context?.logger?.child({ subgraph: this.name }) ?? this.logger;
    if (error instanceof GraphQLError) {
      logger.warn({ code: error.extensions.code, status: error.extensions.subgraphHttpStatus }, `subgraph answered with an error: ${error.message}`);
      throw error;
    }
    const timedOut = error instanceof SubgraphTimeoutError || error.name === 'TimeoutError';
    logger.warn({ err: error, url: this.url }, timedOut ? 'subgraph timed out' : 'subgraph request failed');
    const message = timedOut
      ? `Subgraph "${this.name}" did not answer in time`
      : `Subgraph "${this.name}" could not be reached or sent an invalid response`;
    throw new SubgraphFailure(message, { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: this.name }, timedOut ? 'timeout' : 'unreachable');
  }
}
