import { type DomainEvent, type EventBus, newEvent } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import { type ApiKeyChangedPayload, type AuditRecordedPayload, EVENT, type TenantChangedPayload } from './tenancy-events';

/**
 * Publishes after the write has committed. A failed publish is logged, not thrown: the write stands,
 * and consumers (the gateway's caches) fall back on their TTLs. Audit entries are also stored locally,
 * so a broker outage loses none of tenancy's own.
 */
export class TenancyEventPublisher {
  constructor(
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  tenantChanged(payload: TenantChangedPayload): Promise<void> {
    return this.publish(newEvent(EVENT.tenantChanged, payload.tenantId, payload));
  }

  apiKeyChanged(payload: ApiKeyChangedPayload): Promise<void> {
    return this.publish(newEvent(EVENT.apiKeyChanged, payload.tenantId, payload));
  }

  /** The event's id doubles as the audit entry's id, so a stored entry and its echo are one row. */
  auditRecorded(event: DomainEvent<AuditRecordedPayload>): Promise<void> {
    return this.publish(event);
  }

  private async publish(event: DomainEvent): Promise<void> {
    try {
      await this.bus.publish(event);
    } catch (error) {
      this.logger.warn({ err: error, eventId: event.id, type: event.type }, 'could not publish event');
    }
  }
}
