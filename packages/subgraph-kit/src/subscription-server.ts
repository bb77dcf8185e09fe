import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { CONTEXT_TOKEN_HEADER, type ContextTokenVerifier, type Logger, type Principal } from '@academy/service-kit';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { createSharedSubscribe, type ExecutionKey } from './shared-execution';

export interface SubscriptionServerOptions<TContext> {
  server: Server;
  /** Served on this path, as `/graphql` over HTTP. */
  path: string;
  schema: GraphQLSchema;
  verifier: ContextTokenVerifier;
  /** Per operation: the same context an HTTP request gets, for the connection's principal. */
  context: (principal: Principal, requestId: string) => TContext;
  logger: Logger;
  /**
   * What an operation's results may depend on in its context (see `createSharedSubscribe`): subscriptions
   * with equal keys, documents, operation names and variables share one execution per event.
   * @default no sharing: every event is executed per subscription, as graphql-js does
   */
  executionKey?: ExecutionKey<TContext>;
}

export interface SubscriptionServer {
  /** Open sockets (tests count them to prove nothing leaks). */
  connections(): number;
  /** Subscription events executed since start: per event and group of equivalent subscriptions when shared. */
  executions(): number;
  /** Ends every subscription (`complete`) and closes the sockets with 1001 Going Away; idempotent. */
  close(): Promise<void>;
}

interface ConnectionState {
  principal?: Principal;
  requestId?: string;
}

/**
 * graphql-ws (`graphql-transport-ws`) beside the HTTP endpoint. Only the gateway subscribes here: its
 * `connection_init` payload carries the context token (`x-academy-context`), verified once, and the
 * socket is refused (4403) without a valid one, exactly as an HTTP request would be with 401.
 */
export function createSubscriptionServer<TContext>({ server, path, schema, verifier, context, logger, executionKey = () => null }: SubscriptionServerOptions<TContext>): SubscriptionServer {
  const wss = new WebSocketServer({ server, path });
  const states = new WeakMap<object, ConnectionState>();
  const shared = createSharedSubscribe(executionKey);
  const disposable = useServer(
    {
      schema,
      subscribe: shared.subscribe,
      onConnect: async (ctx) => {
        const token = ctx.connectionParams?.[CONTEXT_TOKEN_HEADER];
        if (typeof token !== 'string' || token === '') return false;
        try {
          const principal = await verifier.verify(token);
          const requestId = typeof ctx.connectionParams?.requestId === 'string' ? ctx.connectionParams.requestId : randomUUID();
          states.set(ctx.extra, { principal, requestId });
          return true;
        } catch (error) {
          logger.warn({ err: error }, 'subscription refused: invalid gateway context token');
          return false;
        }
      },
      context: (ctx) => {
        const state = states.get(ctx.extra);
        if (!state?.principal) throw new Error('connection not acknowledged');
        return context(state.principal, state.requestId ?? randomUUID()) as Record<string, unknown>;
      },
      onError: (_ctx, id, _payload, errors) => {
        logger.warn({ operationId: id, errors: errors.map((e) => e.message) }, 'subscription operation failed');
      },
    },
    wss,
  );
  let closed: Promise<void> | undefined;
  return {
    connections: () => wss.clients.size,
    executions: shared.executions,
    close() {
      // Completes every operation, then closes each socket with 1001 Going Away; a second call waits for the first.
      closed ??= Promise.resolve(disposable.dispose());
      return closed;
    },
  };
}
