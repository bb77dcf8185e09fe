import { AppError, type Principal } from '@academy/service-kit';
import { checkPageSize, type Connection, decodeCursor, toConnection } from '@academy/subgraph-kit';
import type { EntityManager } from '@mikro-orm/core';
import type { TenancyEventPublisher } from '../../events';
import { displayPrefix, formatApiKey, generateKeyId, generateSecret, hashSecret, KEY_ID_PATTERN, signingSecretOf } from './api-key-secret';
import { ApiKeyEntity } from './api-key.entity';
import type { CreateApiKeyInput } from './api-key.input';
import { type ApiKey, ApiKeyStatus, type CreatedApiKey } from './api-key.type';

/** A week: long enough to roll a key out across a partner's deployments, short enough to bound a leak. */
export const MAX_ROTATION_OVERLAP_SECONDS = 604_800;

export function toApiKey(row: ApiKeyEntity, now = new Date()): ApiKey {
  const status = row.revokedAt ? ApiKeyStatus.REVOKED : row.expiresAt && row.expiresAt <= now ? ApiKeyStatus.EXPIRED : ApiKeyStatus.ACTIVE;
  const { keyId, name, scopes, createdAt, expiresAt, revokedAt, lastUsedAt, rotatedFromKeyId } = row;
  return { id: keyId, name, prefix: displayPrefix(keyId), scopes, createdAt, expiresAt, revokedAt, lastUsedAt, rotatedFromId: rotatedFromKeyId, status };
}

/**
 * The caller's tenant's keys. Every query is scoped to that tenant, so another tenant's key id is
 * NOT_FOUND exactly like one that never existed. The authorization rules guarantee a tenant.
 */
export class ApiKeyService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
    private readonly signingKey: string,
    private readonly events: TenancyEventPublisher,
  ) {}

  private get tenantId(): string {
    if (this.principal.tenantId === null) throw new AppError('TENANT_REQUIRED', 'API keys belong to a tenant');
    return this.principal.tenantId;
  }

  async list(first: number, after: string | null | undefined): Promise<Connection<ApiKey>> {
    const offset = decodeCursor(after);
    const [rows, total] = await this.em.findAndCount(
      ApiKeyEntity,
      { tenantId: this.tenantId },
      { orderBy: { createdAt: 'desc', keyId: 'asc' }, limit: checkPageSize(first), offset },
    );
    const now = new Date();
    return toConnection(
      rows.map((row) => toApiKey(row, now)),
      offset,
      total,
    );
  }

  async create(input: CreateApiKeyInput): Promise<CreatedApiKey> {
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw new AppError('BAD_USER_INPUT', 'expiresAt must be in the future', { field: 'expiresAt' });
    }
    const created = await this.issue({ name: input.name, scopes: input.scopes, expiresAt: input.expiresAt ?? null });
    await this.em.flush();
    await this.events.apiKeyChanged({ keyId: created.apiKey.id, tenantId: this.tenantId });
    return created;
  }

  /** Idempotent: revoking a revoked key keeps its first revocation time. */
  async revoke(id: string): Promise<ApiKey> {
    const row = await this.owned(id);
    if (!row.revokedAt) {
      row.revokedAt = new Date();
      await this.em.flush();
      await this.events.apiKeyChanged({ keyId: row.keyId, tenantId: row.tenantId });
    }
    return toApiKey(row);
  }

  /**
   * A new key with the old one's name and scopes (and, if it had one, the same lifetime from now);
   * the old key keeps working for `overlapSeconds` at most, so partners can switch without downtime.
   */
  async rotate(id: string, overlapSeconds: number): Promise<CreatedApiKey> {
    if (!Number.isInteger(overlapSeconds) || overlapSeconds < 0 || overlapSeconds > MAX_ROTATION_OVERLAP_SECONDS) {
      throw new AppError('BAD_USER_INPUT', `overlapSeconds must be between 0 and ${MAX_ROTATION_OVERLAP_SECONDS}`, { argument: 'overlapSeconds' });
    }
    const old = await this.owned(id);
    if (old.revokedAt) throw new AppError('CONFLICT', `The API key ${old.keyId} is revoked; create a new key instead`);
    const now = Date.now();
    const lifetime = old.expiresAt ? old.expiresAt.getTime() - old.createdAt.getTime() : null;
    const created = await this.issue({ name: old.name, scopes: old.scopes, expiresAt: lifetime ? new Date(now + lifetime) : null, rotatedFromKeyId: old.keyId });
    const overlapEnd = new Date(now + overlapSeconds * 1000);
    if (!old.expiresAt || old.expiresAt > overlapEnd) old.expiresAt = overlapEnd;
    await this.em.flush(); // one transaction: the new key and the old key's shortened life
    await this.events.apiKeyChanged({ keyId: old.keyId, tenantId: old.tenantId });
    await this.events.apiKeyChanged({ keyId: created.apiKey.id, tenantId: old.tenantId });
    return created;
  }

  private async owned(id: string): Promise<ApiKeyEntity> {
    const row = KEY_ID_PATTERN.test(id) ? await this.em.findOne(ApiKeyEntity, { keyId: id, tenantId: this.tenantId }) : null;
    if (!row) throw new AppError('NOT_FOUND', `No API key with id ${id}`);
    return row;
  }

  /** Persists (without flushing) a new key; the secret leaves only in the returned value. */
  private async issue(fields: Pick<ApiKeyEntity, 'name' | 'scopes' | 'expiresAt'> & { rotatedFromKeyId?: string }): Promise<CreatedApiKey> {
    let keyId = generateKeyId();
    // 60 random bits make a clash vanishingly rare; checking keeps it from ever surfacing as an error.
    for (let attempt = 0; attempt < 3 && (await this.em.count(ApiKeyEntity, { keyId })) > 0; attempt++) keyId = generateKeyId();
    const secret = generateSecret();
    const row = this.em.create(ApiKeyEntity, { ...fields, keyId, tenantId: this.tenantId, secretHash: hashSecret(secret) });
    return { apiKey: toApiKey(row), key: formatApiKey(keyId, secret), signingSecret: signingSecretOf(this.signingKey, keyId) };
  }
}
