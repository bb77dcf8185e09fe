import type { Logger } from '@academy/service-kit';
import { createTieredCache } from '../tiered-cache';
import type { TenancyClient } from './tenancy-client';
import type { ApiKeyAccess } from './tenant-access';

export interface ApiKeyDirectoryOptions {
  client: TenancyClient;
  /** @default 30_000 */
  ttlMs?: number;
  /** @default 5_000 */
  negativeTtlMs?: number;
  logger: Logger;
}

export interface ApiKeyDirectory {
  lookup(keyId: string, requestId?: string): Promise<ApiKeyAccess | null>;
  keyChanged(keyId: string): Promise<void>;
}

/**
 * API key records, cached briefly in this process only: they carry the hash and the signing
 * secret, which have no business being copied into a shared cache. Revocation arrives as an
 * `api-key.changed` event, which every replica receives.
 */
export function createApiKeyDirectory({ client, ttlMs = 30_000, negativeTtlMs = 5_000, logger }: ApiKeyDirectoryOptions): ApiKeyDirectory {
  const cache = createTieredCache<ApiKeyAccess>({ namespace: 'gateway:api-key', ttlMs, negativeTtlMs, store: null, logger });
  return {
    lookup: (keyId, requestId) => cache.get(keyId, () => client.apiKeyAccess(keyId, requestId)),
    keyChanged: (keyId) => cache.invalidate([keyId]),
  };
}
