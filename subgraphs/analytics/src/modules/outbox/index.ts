export { enqueueEvents } from './outbox';
export { AnalyticsOutboxMessageEntity } from './outbox-message.entity';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
