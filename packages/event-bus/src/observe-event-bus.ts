import type { EventBus, EventHandler } from './event-bus';
import type { EventBusObserver } from './event-bus-metrics';

function observed(group: string, handler: EventHandler, observer: EventBusObserver): EventHandler {
  return async (event) => {
    const started = performance.now();
    try {
      await handler(event);
      observer.handled(group, event, 'ok', (performance.now() - started) / 1000);
    } catch (error) {
      observer.handled(group, event, 'failed', (performance.now() - started) / 1000);
      throw error;
    }
  };
}

/**
 * The same bus, counting what passes through it: publishes, handler runs (per group, with duration
 * and lag), and the depth of every group consumed here. Dead letters are reported by the
 * implementations themselves, which alone know an attempt was the last.
 */
export function observeEventBus(bus: EventBus, observer: EventBusObserver): EventBus {
  return {
    ...bus,
    publish: async (event) => {
      try {
        await bus.publish(event);
        observer.published(event.type, 'ok');
      } catch (error) {
        observer.published(event.type, 'failed');
        throw error;
      }
    },
    consume: async (group, types, handler, options) => {
      const unsubscribe = await bus.consume(group, types, observed(group, handler, observer), options);
      observer.watchQueue(group, () => bus.queueDepth(group));
      return unsubscribe;
    },
    broadcast: (types, handler) => bus.broadcast(types, observed('broadcast', handler, observer)),
  };
}
