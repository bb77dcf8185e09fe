import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Repeater } from '@repeaterjs/repeater';
import type { ExecutionResult } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { multipartWriter, pipeResults, sseWriter, type StreamWriter, streamWriterFor } from './stream-writers';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Serves two results 120 ms apart through `writer` (heartbeats every 30 ms) and returns the raw body. */
async function stream(writer: StreamWriter): Promise<{ body: string; contentType: string | null }> {
  server = createServer((_req, res) => {
    const results = new Repeater<ExecutionResult>(async (push, stop) => {
      await push({ data: { n: 1 } });
      await new Promise((resolve) => setTimeout(resolve, 120));
      await push({ data: { n: 2 } });
      stop();
    });
    void pipeResults(results, res, { ...writer, heartbeatMs: 30 });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  return { body: await response.text(), contentType: response.headers.get('content-type') };
}

describe('subscription stream writers', () => {
  it('writes Apollo multipart parts with `{}` heartbeats and the closing boundary', async () => {
    const { body, contentType } = await stream(multipartWriter);
    expect(contentType).toBe('multipart/mixed;boundary="graphql";subscriptionSpec="1.0"');
    const parts = body.split('\r\n--graphql');
    expect(parts.at(-1)).toBe('--\r\n');
    const payloads = parts.slice(1, -1).map((part) => JSON.parse(part.split('\r\n\r\n')[1]));
    expect(payloads.filter((p) => 'payload' in p)).toEqual([{ payload: { data: { n: 1 } } }, { payload: { data: { n: 2 } } }]);
    expect(payloads.filter((p) => Object.keys(p).length === 0).length).toBeGreaterThanOrEqual(1);
  });

  it('writes SSE `next` events, keep-alive comments and `complete`', async () => {
    const { body, contentType } = await stream(sseWriter);
    expect(contentType).toBe('text/event-stream; charset=utf-8');
    expect(body.match(/^event: next\ndata: .*$/gm)).toEqual(['event: next\ndata: {"data":{"n":1}}', 'event: next\ndata: {"data":{"n":2}}']);
    expect(body.match(/^:$/gm)?.length).toBeGreaterThanOrEqual(2);
    expect(body.endsWith('event: complete\ndata:\n\n')).toBe(true);
  });

  it('chooses the protocol from Accept, multipart first', () => {
    expect(streamWriterFor('multipart/mixed;subscriptionSpec="1.0", application/json')).toBe(multipartWriter);
    expect(streamWriterFor('text/event-stream')).toBe(sseWriter);
    expect(streamWriterFor('multipart/mixed')).toBeUndefined();
    expect(streamWriterFor('application/json')).toBeUndefined();
    expect(streamWriterFor(undefined)).toBeUndefined();
  });
});
