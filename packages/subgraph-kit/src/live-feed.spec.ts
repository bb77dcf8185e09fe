import { createInProcessEventBus, newEvent } from '@academy/event-bus';
import { createLogger } from '@academy/service-kit';
import { describe, expect, it } from 'vitest';
import { createLiveFeed } from './live-feed';

describe('live feed', () => {
  it('fans an event out to every subscriber, and logs an event their filter rejects once', async () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 'live-feed-test', level: 'warn', destination: { write: (line: string) => lines.push(line) } });
    const bus = createInProcessEventBus();
    const feed = createLiveFeed({ bus, types: ['progress.*'], logger });
    await feed.start();
    const select = (event: { payload: unknown }) => {
      const { percent } = event.payload as { percent?: number };
      if (typeof percent !== 'number') throw new TypeError('percent missing');
      return percent;
    };
    const iterators = Array.from({ length: 3 }, () => feed.subscribe(select));
    const firsts = iterators.map((iterator) => iterator.next());
    expect(feed.subscribers()).toBe(3);
    await bus.publish(newEvent('progress.recorded', 't', { learnerId: 'x' }));
    await bus.publish(newEvent('progress.recorded', 't', { percent: 40 }));
    expect((await Promise.all(firsts)).map((result) => result.value)).toEqual([40, 40, 40]);
    expect(lines.filter((line) => line.includes('live event filter failed'))).toHaveLength(1);
    await Promise.all(iterators.map((iterator) => iterator.return?.()));
    expect(feed.subscribers()).toBe(0);
    await feed.close();
    await bus.close();
  });
});
