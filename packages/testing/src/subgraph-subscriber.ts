import type { ExecutionResult } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** One graphql-ws subscription straight to a subgraph, as the gateway opens it. */
export interface SubgraphSubscriber {
  /** Every result so far, in order of arrival. */
  results: ExecutionResult[];
  /** Resolves once `results` has at least `count` entries; rejects after `timeoutMs`. */
  received(count: number, timeoutMs?: number): Promise<ExecutionResult[]>;
  /** Resolves when the server ends the stream: `complete`, or `error` with what it sent. */
  ended: Promise<{ error?: unknown }>;
  /** Unsubscribes and closes the socket. */
  close(): Promise<void>;
}

/**
 * Connects to a subgraph's `/graphql` over graphql-ws with `token` as the gateway's context token in
 * `connection_init`, and subscribes.
 */
export function subscribeToSubgraph(url: string, token: string, query: string, variables: Record<string, unknown> = {}): SubgraphSubscriber {
  const results: ExecutionResult[] = [];
  const waiters = new Set<() => void>();
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { 'x-academy-context': token },
    retryAttempts: 0,
    lazy: true,
  });
  let unsubscribe = () => {};
  const ended = new Promise<{ error?: unknown }>((resolve) => {
    unsubscribe = client.subscribe(
      { query, variables },
      {
        next: (result) => {
          results.push(result as ExecutionResult);
          for (const wake of waiters) wake();
        },
        error: (error) => resolve({ error }),
        complete: () => resolve({}),
      },
    );
  });
  return {
    results,
    received: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (results.length < count) return;
          cleanUp();
          resolve(results);
        };
        const timer = setTimeout(() => {
          cleanUp();
          reject(new Error(`${results.length} of ${count} subscription results within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanUp = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    ended,
    async close() {
      unsubscribe();
      await client.dispose();
    },
  };
}
