import type { ServerResponse } from 'node:http';
import type { ExecutionResult } from 'graphql';

/** How results go down one HTTP response; both protocols keep the connection warm with heartbeats. */
export interface StreamWriter {
  readonly heartbeatMs: number;
  start(res: ServerResponse): void;
  /** Returns false when the socket's buffer is full (wait for 'drain'). */
  next(res: ServerResponse, result: ExecutionResult): boolean;
  heartbeat(res: ServerResponse): void;
  end(res: ServerResponse): void;
}

const MULTIPART_PART = '\r\ncontent-type: application/json; charset=utf-8\r\n\r\n';

/**
 * Apollo's multipart subscription protocol (Apollo Client, Apollo Kotlin/iOS, Sandbox): boundary
 * `graphql`, each event `{"payload": result}`, an empty `{}` part as heartbeat every 5 s.
 */
export const multipartWriter: StreamWriter = {
  heartbeatMs: 5_000,
  start(res) {
    res.writeHead(200, {
      'content-type': 'multipart/mixed;boundary="graphql";subscriptionSpec="1.0"',
      'cache-control': 'no-cache, no-store',
      'x-accel-buffering': 'no',
    });
    res.write('\r\n--graphql');
  },
  next: (res, result) => res.write(`${MULTIPART_PART}${JSON.stringify({ payload: result })}\r\n--graphql`),
  heartbeat(res) {
    res.write(`${MULTIPART_PART}{}\r\n--graphql`);
  },
  end(res) {
    res.end('--\r\n');
  },
};

/** GraphQL over SSE, graphql-sse's "distinct connections" mode: `next` events, then `complete`. */
export const sseWriter: StreamWriter = {
  heartbeatMs: 12_000,
  start(res) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-store',
      'x-accel-buffering': 'no',
    });
    // A comment, so proxies and EventSource see bytes at once.
    res.write(':\n\n');
  },
  next: (res, result) => res.write(`event: next\ndata: ${JSON.stringify(result)}\n\n`),
  heartbeat(res) {
    res.write(':\n\n');
  },
  end(res) {
    res.end('event: complete\ndata:\n\n');
  },
};

/** Which protocol the `Accept` header asks for, if any; multipart first, as Apollo Client sends both. */
export function streamWriterFor(accept: string | undefined): StreamWriter | undefined {
  if (!accept) return undefined;
  if (/multipart\/mixed/i.test(accept) && /subscriptionSpec/i.test(accept)) return multipartWriter;
  if (/text\/event-stream/i.test(accept)) return sseWriter;
  return undefined;
}

/** Writes the iterator's results until it ends or the client goes away; heartbeats in between. */
export async function pipeResults(results: AsyncIterableIterator<ExecutionResult>, res: ServerResponse, writer: StreamWriter): Promise<void> {
  writer.start(res);
  const heartbeat = setInterval(() => writer.heartbeat(res), writer.heartbeatMs);
  const onClose = () => void results.return?.();
  res.once('close', onClose);
  try {
    for await (const result of results) {
      if (res.destroyed) break;
      if (!writer.next(res, result)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
    }
  } finally {
    clearInterval(heartbeat);
    res.off('close', onClose);
    if (!res.destroyed && !res.writableEnded) writer.end(res);
  }
}
