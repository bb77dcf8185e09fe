import type { KeyValueStore } from '@academy/cache';
import { type EventBus, newEvent } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';

/** `audit.recorded` for a refused credential; never carries the token, key or secret. */
export interface AuthenticationFailureRecord {
  /** Who the credential claimed to be (`apikey:<keyId>`, a token's unverified `sub`), else `anonymous`. */
  actor: string;
  authMethod: string;
  tenantId: string | null;
  /** `METHOD /path` without the query string (which may hold variables). */
  target: string;
  requestId: string;
  reason: string;
}

export interface AuthEvents {
  authenticationFailed(record: AuthenticationFailureRecord): void;
  /** Publishes `api-key.used` at most once a minute per key, across replicas. */
  apiKeyUsed(keyId: string, tenantId: string): void;
}

export interface AuthEventsOptions {
  bus: EventBus;
  store: KeyValueStore;
  logger: Logger;
  /** @default 60_000 */
  usageIntervalMs?: number;
}

/**
 * Fire and forget: a slow or failing broker must not slow down or fail the request that caused
 * the event. Failures are logged.
 */
export function createAuthEvents({ bus, store, logger, usageIntervalMs = 60_000 }: AuthEventsOptions): AuthEvents {
  // This replica's own throttle spares the store a round trip on every request of a busy key.
  const nextUsage = new Map<string, number>();
  const publish = (type: string, tenantId: string | null, payload: Record<string, unknown>) =>
    bus.publish(newEvent(type, tenantId, payload)).catch((error: unknown) => logger.warn({ err: error, type }, 'could not publish an event'));

  return {
    authenticationFailed(record) {
      void publish('audit.recorded', record.tenantId, { ...record, action: 'authenticate', outcome: 'failure', at: new Date().toISOString() });
    },
    apiKeyUsed(keyId, tenantId) {
      const now = Date.now();
      if ((nextUsage.get(keyId) ?? 0) > now) return;
      if (nextUsage.size > 10_000) for (const [id, at] of nextUsage) if (at <= now) nextUsage.delete(id);
      nextUsage.set(keyId, now + usageIntervalMs);
      void store
        .setIfAbsent(`gateway:api-key-used:${keyId}`, '1', usageIntervalMs)
        .then((first) => (first ? publish('api-key.used', tenantId, { keyId, at: new Date(now).toISOString() }) : undefined))
        .catch((error: unknown) => logger.warn({ err: error, keyId }, 'could not record API key usage'));
    },
  };
}
