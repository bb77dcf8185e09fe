import type { ExecutionResult } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** One subscription as a test sees it: the results so far, and the wait for the next. */
export interface TestSubscription {
  results: ExecutionResult[];
  /** The next result (its index counts from the start), or a rejection after `timeoutMs`. */
  next(timeoutMs?: number): Promise<ExecutionResult>;
  /** Resolves when the server ends the stream (complete); the value says how. */
  ended: Promise<{ error?: unknown }>;
  close(): Promise<void>;
}

function collector() {
  const results: ExecutionResult[] = [];
  const waiters: (() => void)[] = [];
  let read = 0;
  return {
    results,
    push(result: ExecutionResult) {
      results.push(result);
      for (const wake of waiters.splice(0)) wake();
    },
    async next(timeoutMs = 10_000): Promise<ExecutionResult> {
      const deadline = Date.now() + timeoutMs;
      while (results.length <= read) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no subscription result within ${timeoutMs} ms (have ${results.length})`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return results[read++];
    },
  };
}

/** graphql-ws (`graphql-transport-ws`), credentials in the `connection_init` payload as Apollo Client sends them. */
export function subscribeWs(url: string, query: string, variables: Record<string, unknown> = {}, connectionParams: Record<string, string> = {}): TestSubscription & { closed: Promise<{ code: number; reason: string }> } {
  const sink = collector();
  let resolveClosed: (event: { code: number; reason: string }) => void = () => {};
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    resolveClosed = resolve;
  });
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
    on: { closed: (event) => resolveClosed(event as { code: number; reason: string }) },
  });
  let unsubscribe = () => {};
  const ended = new Promise<{ error?: unknown }>((resolve) => {
    unsubscribe = client.subscribe({ query, variables }, { next: (value) => sink.push(value as ExecutionResult), error: (error) => resolve({ error }), complete: () => resolve({}) });
  });
  return {
    results: sink.results,
    next: sink.next,
    ended,
    closed,
    async close() {
      unsubscribe();
      await client.dispose();
    },
  };
}

/** A streamed POST (multipart or SSE) whose body is fed to `parse` chunk by chunk. */
function streamPost(url: string, accept: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>, onText: (text: string) => void) {
  const controller = new AbortController();
  const response = fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, ...headers },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  const done = response.then(async (res) => {
    // Refusals are plain JSON responses, left for the test to read.
    if (!res.body || !res.ok) return res;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body) onText(decoder.decode(chunk as Uint8Array, { stream: true }));
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
    return res;
  });
  return { response, done, abort: () => controller.abort() };
}

/** Apollo's multipart subscription protocol; heartbeats (`{}` parts) are counted, not collected. */
export function subscribeMultipart(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const sink = collector();
  let buffer = '';
  let heartbeats = 0;
  const stream = streamPost(url, 'multipart/mixed;subscriptionSpec="1.0", application/json', query, variables, headers, (text) => {
    buffer += text;
    const parts = buffer.split('\r\n--graphql');
    buffer = parts.pop() ?? '';
    for (const part of parts) {
      const body = part.split('\r\n\r\n')[1];
      if (!body) continue;
      const json = JSON.parse(body) as { payload?: ExecutionResult | null; errors?: unknown[] };
      if (json.payload === undefined && json.errors === undefined) heartbeats += 1;
      else sink.push(json.payload ?? ({ errors: json.errors } as ExecutionResult));
    }
  });
  return {
    results: sink.results,
    next: sink.next,
    response: stream.response,
    ended: stream.done.then(() => ({})),
    heartbeats: () => heartbeats,
    close: async () => stream.abort(),
  };
}

/** GraphQL over SSE (graphql-sse's distinct connections mode). */
export function subscribeSse(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const sink = collector();
  let buffer = '';
  let completed = false;
  const stream = streamPost(url, 'text/event-stream', query, variables, headers, (text) => {
    buffer += text;
    const events = buffer.split('\n\n');
    buffer = events.pop() ?? '';
    for (const event of events) {
      const lines = event.split('\n');
      const name = lines.find((line) => line.startsWith('event: '))?.slice(7);
      const data = lines.find((line) => line.startsWith('data:'))?.slice(5).trim();
      if (name === 'next' && data) sink.push(JSON.parse(data) as ExecutionResult);
      if (name === 'complete') completed = true;
    }
  });
  return {
    results: sink.results,
    next: sink.next,
    response: stream.response,
    ended: stream.done.then(() => ({ completed })),
    close: async () => stream.abort(),
  };
}
