import { TenantScoped } from '@academy/subgraph-kit';
import { Entity, Index, type Opt, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/** The longest learner id: identity providers' subjects (`auth0|…`, URLs, emails) fit comfortably. */
export const MAX_LEARNER_ID_LENGTH = 200;

/**
 * A learner of a tenant, keyed by the subject (`sub`) of the learner's tokens. The tenant is part of
 * the primary key: a subject names one learner within one tenant, and a second tenant registering
 * the same subject makes its own learner instead of colliding with (and so revealing) the first.
 * Tenant-scoped: a request's EntityManager sees only its tenant's learners.
 */
@Entity({ tableName: 'learner' })
@TenantScoped()
// Listing is "this tenant's learners in registration order".
@Index({ properties: ['tenantId', 'createdAt'] })
export class LearnerEntity {
  [PrimaryKeyProp]?: ['tenantId', 'id'];

  @PrimaryKey({ type: 'uuid' }) tenantId: string;
  @PrimaryKey({ type: 'string', length: MAX_LEARNER_ID_LENGTH }) id: string;
  @Property({ type: 'string', length: 100 }) displayName: string;
  /** Personal data: optional, and shown only to the tenant's admins and the learner. */
  @Property({ type: 'string', length: 254, nullable: true }) email: string | null = null;
  @Property({ type: 'datetime' }) createdAt: Date & Opt = new Date();
  /** Set by a cancellation request: the learner is no longer shown, and deleted when the blocking period ends. */
  @Property({ type: 'datetime', nullable: true }) blockedAt: Date | null = null;
}
