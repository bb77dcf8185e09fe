export { createEventBus, type EventBusOptions } from './create-event-bus';
export { createEventBusMetrics, type EventBusObserver } from './event-bus-metrics';
export { observeEventBus } from './observe-event-bus';
export { traceEventBus } from './trace-event-bus';
export { type DomainEvent, newEvent } from './domain-event';
export type { ConsumeOptions, DeadLetter, EventBus, EventHandler, Unsubscribe } from './event-bus';
export { EventBusUnavailableError, HandlerTimeoutError } from './event-bus-errors';
export { createInProcessEventBus, type InProcessEventBusOptions } from './in-process/in-process-event-bus';
export { createRabbitMqEventBus, type RabbitMqEventBusOptions } from './rabbitmq/rabbitmq-event-bus';
