import type { EventHandler } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import { ALL_TENANTS, forkWithTenantScope } from '@academy/subgraph-kit';
import type { MikroORM } from '@mikro-orm/core';
import { z } from 'zod';
import { KEY_ID_PATTERN } from './api-key-secret';
import { ApiKeyEntity } from './api-key.entity';

const apiKeyUsed = z.object({ keyId: z.string().regex(KEY_ID_PATTERN), at: z.iso.datetime({ offset: true }) });

/**
 * `api-key.used` → `lastUsedAt`. The update only moves the time forward, so redelivered or
 * out-of-order events (at-least-once, several gateway replicas) cannot set it back.
 */
export function apiKeyUsedHandler(orm: MikroORM, logger: Logger): EventHandler {
  return async (event) => {
    const parsed = apiKeyUsed.safeParse(event.payload);
    if (!parsed.success) {
      logger.warn({ eventId: event.id, problems: parsed.error.issues.map((i) => i.message) }, 'dropped a malformed api-key.used event');
      return;
    }
    const at = new Date(parsed.data.at);
    // The event names a key, not a tenant; key ids are unique across tenants.
    await forkWithTenantScope(orm.em, ALL_TENANTS).nativeUpdate(ApiKeyEntity, { keyId: parsed.data.keyId, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: at } }] }, { lastUsedAt: at });
  };
}
