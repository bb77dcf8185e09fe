import { randomUUID } from 'node:crypto';
import { AppError, type ContextTokenSigner, DropOldestBuffer, type Logger } from '@academy/service-kit';
import type { ServiceMap } from '@apollo/gateway';
import { Repeater } from '@repeaterjs/repeater';
import { type DocumentNode, type ExecutionResult, GraphQLError, type GraphQLSchema, print } from 'graphql';
import type { GatewayContext } from '../context';
import type { SlotResult, SubscriptionSlots } from '../limits';
import { admitOperation } from '../plugins/admit-operation';
import type { DemandControl } from '../plugins/demand-control';
import type { SubgraphTls } from '../subgraph-fetcher';
import { createEventExecutor } from './event-executor';
import { createShareKeys, SHARE_KEY_FIELD } from './share-keys';
import { type EndReason, openSharedStream, type SharedStream, type StreamListener } from './shared-stream';
import { createSubscriptionPlanner, type SubscriptionPlan, type SubscriptionPlanner } from './subscription-planner';

const CLOSE_GRACE_MS = 5_000;

export type { EndReason } from './shared-stream';

export const SCHEMA_RELOAD_MESSAGE = 'subscription has been closed due to a schema reload';


export interface SubscribeRequest {
  document: DocumentNode;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
  /** Caches the plan and the cost estimate per document. @default the printed document */
  documentKey?: string;
  context: GatewayContext;
  /** Epoch ms when the caller's credentials expire (a JWT's `exp`): the subscription ends then with UNAUTHENTICATED. */
  expiresAt?: number | null;
}

export interface SubscriptionEngineOptions {
  /** The routing URL of a subgraph (the loaded supergraph's, or SUBGRAPH_URLS'). */
  subgraphUrl: (name: string) => string | undefined;
  /** The gateway's data sources by subgraph name, for the per-event entity fetches. */
  dataSources: () => ServiceMap;
  signer: ContextTokenSigner;
  tls?: SubgraphTls;
  demand: () => DemandControl | undefined;
  /** Concurrent-subscription limit per tenant; absent in single-tenant mode. */
  slots?: SubscriptionSlots;
  logger: Logger;
  /** Events a slow client may have waiting; beyond, the oldest are dropped (and counted). @default 100 */
  queueSize?: number;
  /** @default not counted */
  metrics?: SubscriptionMetrics;
}

/** What the engine reports as it happens (the gateway's metrics implement it). */
export interface SubscriptionMetrics {
  subscriptionEnded(reason: EndReason): void;
  subscriptionEventDropped(): void;
  rejection(code: string): void;
  redisFallback(limiter: 'subscription_slots', path: SlotResult['path']): void;
  /** One event's fields from other subgraphs resolved, by the compiled executor or Apollo's. */
  execution(executor: 'compiled' | 'apollo', kind: 'subscription_event'): void;
}

interface Active {
  tenantId: string | null;
  end(reason: EndReason, error?: GraphQLError): void;
}

/**
 * A Repeater runs nothing until its first `next()`, so a client that goes away between subscribing and
 * reading would never reach the cleanup that releases its slot: returning early releases it here.
 */
function releasedIfNeverStarted(stream: Repeater<ExecutionResult>, release: (() => Promise<void>) | undefined): AsyncIterableIterator<ExecutionResult> {
  let started = false;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      started = true;
      return stream.next();
    },
    async return(value?: unknown) {
      if (!started) await release?.();
      started = true;
      return stream.return(value as never);
    },
    throw: (error?: unknown) => stream.throw(error),
  };
}


/**
 * Federated subscriptions, which `@apollo/gateway` cannot execute: the operation is planned with
 * `@apollo/query-planner`; the primary fetch streams from the owning subgraph over graphql-ws with the
 * subscriber's context token; each event runs the plan's `rest` through the gateway's executor, so
 * fields of other subgraphs are fetched (batched) as for a query. Transports (graphql-ws, multipart
 * HTTP, SSE) only move the resulting iterator's values.
 */
export function createSubscriptionEngine(options: SubscriptionEngineOptions) {
  const { subgraphUrl, dataSources, signer, tls, demand, slots, logger, queueSize = 100, metrics } = options;
  const active = new Set<Active>();
  let supergraphSdl: string | undefined;
  let planner: SubscriptionPlanner | undefined;
  let closing = false;
  const streams = new Map<string, SharedStream>();
  const shareKeys = createShareKeys({ dataSources, logger });
  let dropped = 0;
  const renewal = slots ? setInterval(() => void slots.renew(), slots.leaseMs / 3) : undefined;
  renewal?.unref();

  /**
   * Which clients one upstream stream serves. Always: the same operation and variables. Then either the
   * subgraph's share key for the caller, when every field comes from that subgraph (no per-event entity
   * fetches, which other subgraphs answer per principal) and it offers one; or the whole principal (all
   * but the request id): N tabs of one user, or one partner key's consumers.
   */
  async function streamKeyOf(plan: SubscriptionPlan, schemas: SubscriptionPlanner, serviceName: string, operation: unknown[], context: GatewayContext): Promise<string> {
    const offered = !plan.rest && schemas.supergraphSchema.getQueryType()?.getFields()[SHARE_KEY_FIELD] !== undefined;
    const shareKey = offered ? await shareKeys.get(serviceName, context) : null;
    return JSON.stringify(shareKey ? [...operation, serviceName, shareKey] : [...operation, { ...context.principal, requestId: null }]);
  }

  function currentPlanner(): SubscriptionPlanner {
    if (!supergraphSdl) throw new AppError('SHUTTING_DOWN', 'The gateway has not loaded a supergraph yet');
    planner ??= createSubscriptionPlanner(supergraphSdl);
    return planner;
  }

  function endAll(reason: EndReason, error?: GraphQLError): void {
    if (active.size) logger.info({ reason, subscriptions: active.size }, 'ending every open subscription');
    for (const subscription of [...active]) subscription.end(reason, error);
  }

  async function admit(request: SubscribeRequest, id: string): Promise<(() => Promise<void>) | undefined> {
    const { tenant, principal, logger: requestLogger } = request.context;
    const control = demand();
    if (!tenant) return undefined;
    if (control) {
      await admitOperation(control, {
        document: request.document,
        variables: request.variables,
        operationName: request.operationName,
        documentKey: request.documentKey,
        tenant,
        principal,
        logger: requestLogger,
      });
    }
    if (!slots) return undefined;
    const key = `subs:${tenant.id}`;
    const max = tenant.limits.maxSubscriptions;
    const slot = await slots.acquire(key, id, max);
    if (slot.error) {
      requestLogger.warn({ err: slot.error, path: slot.path }, 'subscription limit decided without Redis');
      metrics?.redisFallback('subscription_slots', slot.path);
    }
    if (!slot.allowed) {
      metrics?.rejection('SUBSCRIPTION_LIMIT_REACHED');
      throw new AppError('SUBSCRIPTION_LIMIT_REACHED', `The tenant already has ${max} open subscriptions, the most its plan allows`, { limit: max });
    }
    return () => slots.release(key, id);
  }

  return {
    /** Called on every supergraph load: a reload ends open subscriptions with SUBSCRIPTION_SCHEMA_RELOAD. */
    setSupergraph(sdl: string): void {
      const reload = supergraphSdl !== undefined && sdl !== supergraphSdl;
      supergraphSdl = sdl;
      planner = undefined;
      shareKeys.reset();
      if (reload) endAll('schema_reload', new AppError('SUBSCRIPTION_SCHEMA_RELOAD', SCHEMA_RELOAD_MESSAGE));
    },

    /** The API schema subscriptions validate against (graphql-ws validates before subscribing). */
    schema(): GraphQLSchema {
      return currentPlanner().apiSchema;
    },

    /** Refusals throw a GraphQLError with their code and HTTP status; otherwise the stream of results. */
    async subscribe(request: SubscribeRequest): Promise<AsyncIterableIterator<ExecutionResult>> {
      if (closing) throw new AppError('SHUTTING_DOWN', 'The gateway is shutting down; reconnect');
      const { context } = request;
      const schemas = currentPlanner();
      const documentKey = request.documentKey ?? print(request.document);
      const plan = schemas.plan(request.document, request.operationName, documentKey);
      const serviceName = plan.primary.serviceName;
      const url = subgraphUrl(serviceName);
      if (!url) throw new AppError('DOWNSTREAM_SERVICE_ERROR', `Subgraph "${serviceName}" has no routing URL`, { serviceName });
      const id = randomUUID();
      const release = await admit({ ...request, documentKey }, id);
      const variables = request.variables ?? {};
      const subscriptionLogger = context.logger.child({ subscriptionId: id, subgraph: serviceName });
      const streamKey = await streamKeyOf(plan, schemas, serviceName, [documentKey, request.operationName ?? null, variables], context);

      const stream = new Repeater<ExecutionResult>(async (push, stop) => {
        let reason: EndReason = 'client_disconnect';
        const listener: StreamListener = {
          event: (result) => void push(result),
          end: (why, last) => {
            reason = why;
            if (last) void push(last);
            stop();
          },
        };
        const entry: Active = { tenantId: context.tenant?.id ?? null, end: (why, error) => listener.end(why, error ? { errors: [error] } : undefined) };
        active.add(entry);
        const contextToken = await signer.sign(context.principal, serviceName);
        // No await between looking the stream up and registering a new one: concurrent twins share it.
        let shared = streams.get(streamKey);
        if (!shared || shared.isClosed()) {
          const opened = openSharedStream({
            url,
            tls,
            contextToken,
            requestId: context.requestId,
            request: { query: plan.primary.operation, variables, operationName: plan.primary.operationName },
            serviceName,
            execute: createEventExecutor({ plan, schemas, serviceMap: dataSources, context, variables, serviceName, onExecution: metrics && ((executor) => metrics.execution(executor, 'subscription_event')) }),
            logger: subscriptionLogger,
            onClosed: () => {
              if (streams.get(streamKey) === opened) streams.delete(streamKey);
            },
          });
          shared = opened;
          streams.set(streamKey, opened);
        }
        shared.add(listener);
        const expiry =
          request.expiresAt != null
            ? setTimeout(
                () => entry.end('credentials_expired', new AppError('UNAUTHENTICATED', 'The credentials of this subscription expired; resubscribe with fresh ones', { reason: 'token_expired' })),
                Math.max(0, request.expiresAt - Date.now()),
              )
            : undefined;
        try {
          await stop;
        } finally {
          clearTimeout(expiry);
          active.delete(entry);
          await shared.remove(listener);
          await release?.().catch((error) => subscriptionLogger.warn({ err: error }, 'releasing the subscription slot failed'));
          subscriptionLogger.debug({ reason }, 'subscription ended');
          metrics?.subscriptionEnded(reason);
        }
      }, new DropOldestBuffer<ExecutionResult>(queueSize, () => {
        dropped += 1;
        metrics?.subscriptionEventDropped();
      }));
      return releasedIfNeverStarted(stream, release);
    },

    /** Open subscriptions, upstream sockets and events dropped for slow clients (tests count them). */
    stats: () => ({ active: active.size, upstreams: streams.size, dropped }),

    /** Completes every open subscription and refuses new ones. */
    async close(): Promise<void> {
      closing = true;
      clearInterval(renewal);
      endAll('server_close');
      // Each ends once its client has read the completion; a client that never reads is not waited for long.
      const deadline = Date.now() + CLOSE_GRACE_MS;
      while (streams.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}

export type SubscriptionEngine = ReturnType<typeof createSubscriptionEngine>;
