/**
 * The entry of every benchmark child process (see `startInChild`): loads the starter it is told to,
 * reports what it started, answers CPU-usage questions and closes on request or when the parent goes.
 */
import type { ChildMessage, ParentMessage, StartedService } from './child-protocol';

// @swc-node/register (how the children load TypeScript) installs source-map-support, whose
// Error.prepareStackTrace makes every read of an error's `stack` costly. Production runs compiled
// JavaScript without it, and some libraries read a stack on every request (agent-base, under the
// stock gateway's fetcher), so keeping it would bill the harness to them.
delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;

let service: StartedService<unknown> | undefined;
let closing = false;

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function shutdown(code: number): Promise<never> {
  if (!closing) {
    closing = true;
    try {
      await service?.close();
    } catch (error) {
      console.error('closing the benchmark child failed', error);
      code = 1;
    }
  }
  // process.exit (not a signal) lets --cpu-prof write its profile.
  process.exit(code);
}

process.on('message', async (message: ParentMessage) => {
  switch (message.type) {
    case 'start':
      try {
        const starters = require(message.module) as Record<string, (options: unknown) => Promise<StartedService<unknown>>>;
        const start = starters[message.export];
        if (typeof start !== 'function') throw new Error(`${message.module} exports no function ${message.export}`);
        service = await start(message.options);
        send({ type: 'started', info: service.info });
      } catch (error) {
        send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        await shutdown(1);
      }
      return;
    case 'cpu':
      send({ type: 'cpu', id: message.id, usage: process.cpuUsage(), rssBytes: process.memoryUsage.rss() });
      return;
    case 'counters':
      send({ type: 'counters', id: message.id, counters: service?.counters?.() ?? {} });
      return;
    case 'close':
      await shutdown(0);
  }
});

// An orphaned child would keep its ports and CPU; it follows its parent out.
process.on('disconnect', () => void shutdown(0));
