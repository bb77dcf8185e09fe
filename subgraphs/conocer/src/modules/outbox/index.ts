export { enqueueEvent } from './outbox';
export { OutboxMessageEntity } from './outbox-message.entity';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
