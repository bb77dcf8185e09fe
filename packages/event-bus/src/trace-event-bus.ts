import { headerGetter, headerSetter } from '@academy/service-kit';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { DomainEvent } from './domain-event';
import type { EventBus, EventHandler } from './event-bus';

const tracer = () => trace.getTracer('event-bus');

function traced(group: string, handler: EventHandler): EventHandler {
  return (event) => {
    const parent = propagation.extract(context.active(), event.headers ?? {}, headerGetter);
    const span = tracer().startSpan(
      `process ${event.type}`,
      { kind: SpanKind.CONSUMER, attributes: { 'messaging.operation.type': 'process', 'messaging.destination.name': event.type, 'messaging.consumer.group.name': group, 'messaging.message.id': event.id } },
      parent,
    );
    return context.with(trace.setSpan(parent, span), async () => {
      try {
        await handler(event);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        span.end();
      }
    });
  };
}

/**
 * W3C trace context through the bus: a publish inside a traced request adds `traceparent` to the
 * event's headers (a PRODUCER span), and every handler runs in a CONSUMER span continuing that trace.
 */
export function traceEventBus(bus: EventBus): EventBus {
  return {
    ...bus,
    publish: async (event) => {
      const span = tracer().startSpan(`publish ${event.type}`, { kind: SpanKind.PRODUCER, attributes: { 'messaging.operation.type': 'send', 'messaging.destination.name': event.type, 'messaging.message.id': event.id } });
      const headers: Record<string, string> = { ...event.headers };
      propagation.inject(trace.setSpan(context.active(), span), headers, headerSetter);
      const carried: DomainEvent = Object.keys(headers).length ? { ...event, headers } : event;
      try {
        await bus.publish(carried);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        span.end();
      }
    },
    consume: (group, types, handler, options) => bus.consume(group, types, traced(group, handler), options),
    broadcast: (types, handler) => bus.broadcast(types, traced('broadcast', handler)),
  };
}
