import { AppError, type Logger } from '@academy/service-kit';
import type { ExecutionResult } from 'graphql';
import type { SubgraphTls } from '../subgraph-fetcher';
import type { UpstreamEvent } from './event-executor';
import { errorsFrom } from './subgraph-errors';
import { openUpstream, type UpstreamRequest } from './upstream';

/** Why a subscription ended; logged, and the label of the end-reason metric once metrics land. */
export type EndReason = 'server_close' | 'subgraph_error' | 'subgraph_complete' | 'client_disconnect' | 'schema_reload' | 'credentials_expired';

/** One client subscription attached to a shared stream. */
export interface StreamListener {
  /** Must not block: it queues the result for its client. */
  event(result: ExecutionResult): void;
  end(reason: EndReason, last?: ExecutionResult): void;
}

export interface SharedStreamOptions {
  url: string;
  tls?: SubgraphTls;
  contextToken: string;
  requestId: string;
  request: UpstreamRequest;
  serviceName: string;
  /** Runs the plan's `rest` for one event. */
  execute: (event: UpstreamEvent) => Promise<ExecutionResult>;
  logger: Logger;
  /** Called once the upstream is closed (last listener gone, or the subgraph ended it). */
  onClosed: () => void;
}

/**
 * One upstream subscription and its per-event execution, shared by every client subscription with the
 * same operation, variables and principal (their results are identical): N browser tabs of one user, or
 * many consumers behind one partner key, cost one socket and one set of entity fetches per event.
 * Events are executed one after another, so every listener receives them in the subgraph's order.
 */
export function openSharedStream({ url, tls, contextToken, requestId, request, serviceName, execute, logger, onClosed }: SharedStreamOptions) {
  const listeners = new Set<StreamListener>();
  let chain = Promise.resolve();
  let closed = false;

  const endAll = (reason: EndReason, last?: ExecutionResult) => {
    chain = chain.then(() => {
      for (const listener of [...listeners]) listener.end(reason, last);
      listeners.clear();
    });
  };

  const upstream = openUpstream({ url, tls, contextToken, requestId }, request, {
    next: (event) => {
      chain = chain.then(async () => {
        let result: ExecutionResult;
        try {
          result = await execute(event);
        } catch (error) {
          logger.error({ err: error }, 'executing a subscription event failed');
          result = { errors: [new AppError('INTERNAL_SERVER_ERROR', 'This event could not be executed')] };
        }
        for (const listener of listeners) listener.event(result);
      });
    },
    error: (error, graphqlErrors) => {
      logger.warn({ err: error }, 'the subgraph ended the subscription with an error');
      const errors = graphqlErrors
        ? errorsFrom(graphqlErrors, serviceName)
        : [new AppError('DOWNSTREAM_SERVICE_ERROR', `Subgraph "${serviceName}" ended the subscription: ${error.message}`, { serviceName })];
      endAll('subgraph_error', { errors });
      void close();
    },
    complete: () => {
      endAll('subgraph_complete');
      void close();
    },
  });

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    await upstream.close().catch((error) => logger.warn({ err: error }, 'closing the upstream subscription failed'));
    onClosed();
  }

  return {
    add(listener: StreamListener): void {
      listeners.add(listener);
    },
    /** Detaches a listener; the last one to leave closes the upstream. */
    async remove(listener: StreamListener): Promise<void> {
      listeners.delete(listener);
      if (listeners.size === 0) await close();
    },
    isClosed: () => closed,
  };
}

export type SharedStream = ReturnType<typeof openSharedStream>;
