/**
 * The subscribers of `npm run bench -- subscriptions`, in a worker thread so that the clients' own work
 * (one WebSocket and one JSON parse per delivery) runs on the other core and stays out of the numbers of
 * the system under test. Receipt times are absolute (`performance.timeOrigin + now()`), comparable with
 * the publishing thread's.
 */
import { parentPort } from 'node:worker_threads';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export type ClientCommand =
  | { type: 'open'; url: string; query: string; params: Record<string, string>[] }
  | { type: 'silent' }
  | { type: 'errors' }
  | { type: 'count' }
  | { type: 'collect' }
  | { type: 'close' };

export interface ClientReply {
  /** Subscribers without any event yet (`silent`), deliveries of measured events (`count`), receipts (`collect`) or errors by message (`errors`). */
  value: number | [string, number][] | Record<string, number>;
}

const port = parentPort!;
let clients: Client[] = [];
let received: number[] = [];
let receipts: [string, number][] = [];
/** Why subscriptions ended early, counted by message. */
let errors: Record<string, number> = {};
/** Ids of the events being measured; warm-up events are only counted. */
const measured = new Set<string>();

port.on('message', async (command: ClientCommand | { type: 'measure'; id: string }) => {
  switch (command.type) {
    case 'open':
      received = new Array<number>(command.params.length).fill(0);
      receipts = [];
      errors = {};
      clients = command.params.map((connectionParams, index) => {
        const client = createClient({ url: command.url, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
        client.subscribe(
          { query: command.query },
          {
            next: (result) => {
              const at = performance.timeOrigin + performance.now();
              received[index] += 1;
              const id = (result.data?.progressUpdated as { id?: string } | undefined)?.id;
              if (id && measured.has(id)) receipts.push([id, at]);
            },
            error: (error) => {
              const message = error instanceof Error ? error.message : Array.isArray(error) ? error.map((e) => e.message).join('; ') : `close ${(error as { code?: number }).code} ${(error as { reason?: string }).reason ?? ''}`;
              errors[message] = (errors[message] ?? 0) + 1;
            },
            complete: () => {},
          },
        );
        return client;
      });
      return port.postMessage({ value: 0 } satisfies ClientReply);
    case 'measure':
      measured.add(command.id);
      return;
    case 'silent':
      return port.postMessage({ value: received.filter((count) => count === 0).length } satisfies ClientReply);
    case 'errors':
      return port.postMessage({ value: errors } satisfies ClientReply);
    case 'count':
      return port.postMessage({ value: receipts.length } satisfies ClientReply);
    case 'collect':
      return port.postMessage({ value: receipts } satisfies ClientReply);
    case 'close':
      await Promise.all(clients.map((client) => client.dispose()));
      clients = [];
      measured.clear();
      return port.postMessage({ value: 0 } satisfies ClientReply);
  }
});
