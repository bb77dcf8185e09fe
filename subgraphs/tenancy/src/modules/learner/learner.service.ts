import { AppError, type Principal } from '@academy/service-kit';
import { checkPageSize, type Connection, decodeCursor, toConnection } from '@academy/subgraph-kit';
import { type EntityManager, type FilterQuery, UniqueConstraintViolationException } from '@mikro-orm/core';
import { canReadAllLearners, canSeeLearnerEmail, isLearnerSelf } from '../../authorization/principal-policy';
import { LearnerCancellationEntity } from './learner-cancellation.entity';
import { LearnerEntity, MAX_LEARNER_ID_LENGTH } from './learner.entity';
import type { RegisterLearnerInput } from './learner.input';
import type { Learner } from './learner.type';

export function toLearner(row: LearnerEntity): Learner {
  const { id, tenantId, displayName, email, createdAt } = row;
  return { id, tenantId, displayName, email, createdAt };
}

/**
 * Learners of the caller's tenant as the caller may see them: staff and `learners:read` partners see
 * every learner of the tenant, anyone else only themselves. Every read is bound to the request's
 * tenant (also for platform admins, whose EntityManager spans all tenants), so another tenant's
 * learner is null exactly like one that was never registered.
 */
export class LearnerService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
  ) {}

  private get tenantId(): string {
    if (this.principal.tenantId === null) throw new AppError('TENANT_REQUIRED', 'Learners belong to a tenant');
    return this.principal.tenantId;
  }

  /** The caller's visibility as a filter; null when the caller can see no learner at all. */
  private visible(): FilterQuery<LearnerEntity> | null {
    const { tenantId, subject } = this.principal;
    if (tenantId === null) return null;
    // A blocked learner's data is no longer shown to anyone (LFPDPPP cancellation, step 1).
    if (canReadAllLearners(this.principal)) return { tenantId, blockedAt: null };
    return subject !== null && isLearnerSelf(this.principal, { tenantId, id: subject }) ? { tenantId, id: subject, blockedAt: null } : null;
  }

  /** For the request's DataLoader: one query for a batch of ids, in the order asked. */
  async byIds(ids: readonly string[]): Promise<(Learner | undefined)[]> {
    const scope = this.visible();
    // A longer id cannot exist; leaving it out keeps it from reaching the database at all.
    const wanted = [...new Set(ids.filter((id) => id.length <= MAX_LEARNER_ID_LENGTH))];
    const rows = scope && wanted.length ? await this.em.find(LearnerEntity, { $and: [scope, { id: { $in: wanted } }] }) : [];
    const byId = new Map(rows.map((row) => [row.id, toLearner(row)]));
    return ids.map((id) => byId.get(id));
  }

  /** The caller as a learner of the request's tenant, or null when not registered (or not a user). */
  async me(): Promise<Learner | null> {
    const { tenantId, subject } = this.principal;
    if (tenantId === null || subject === null || !isLearnerSelf(this.principal, { tenantId, id: subject })) return null;
    return (await this.byIds([subject]))[0] ?? null;
  }

  /** In registration order, so pages stay stable while learners are added. */
  async list(first: number, after: string | null | undefined): Promise<Connection<Learner>> {
    const offset = decodeCursor(after);
    const [rows, total] = await this.em.findAndCount(LearnerEntity, this.visible() ?? { tenantId: null }, {
      orderBy: { createdAt: 'asc', id: 'asc' },
      limit: checkPageSize(first),
      offset,
    });
    return toConnection(rows.map(toLearner), offset, total);
  }

  /**
   * Creates the learner or updates its name and (when given) email: registering twice is harmless,
   * so an identity provider's sign-up hook can call it on every sign-in.
   */
  async register(input: RegisterLearnerInput): Promise<Learner> {
    try {
      return await this.upsert(input);
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      // A concurrent first registration inserted the row between our read and our insert: it exists now.
      this.em.clear();
      return this.upsert(input);
    }
  }

  /** The email of `learner` if the caller may see it (the learner, the tenant's admins), else null. */
  emailOf(learner: Learner): string | null {
    return canSeeLearnerEmail(this.principal, learner) ? learner.email : null;
  }

  private async upsert(input: RegisterLearnerInput): Promise<Learner> {
    const tenantId = this.tenantId;
    const displayName = input.displayName.trim();
    const existing = await this.em.findOne(LearnerEntity, { tenantId, id: input.id });
    if (existing?.blockedAt || (await this.em.count(LearnerCancellationEntity, { tenantId, learnerId: input.id }))) {
      throw new AppError('LEARNER_DATA_BLOCKED', 'The learner asked for the cancellation of their data: it is no longer processed', { field: 'id' });
    }
    const row = existing ?? this.em.create(LearnerEntity, { tenantId, id: input.id, displayName, email: input.email ?? null });
    row.displayName = displayName;
    if (input.email !== undefined) row.email = input.email;
    await this.em.flush();
    return toLearner(row);
  }
}
