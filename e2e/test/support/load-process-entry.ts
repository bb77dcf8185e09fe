/**
 * Runs one `runLoad` in a process of its own (see `runLoadInProcess`) and sends the outcomes back.
 * Hundreds of clients would otherwise share the test runner's event loop with the subgraphs and the
 * Redis proxy it hosts, and their lag would show up as Redis latency in the gateways.
 */
import { type LoadOptions, runLoad } from './load';
import type { LoadProcessMessage } from './load-process';

const send = (message: LoadProcessMessage, then?: () => void) => process.send?.(message, then);

process.once('message', async (options: LoadOptions) => {
  send({ type: 'started' });
  const outcomes = await runLoad(options);
  send({ type: 'done', outcomes }, () => process.exit(0));
});

process.on('disconnect', () => process.exit(0));
