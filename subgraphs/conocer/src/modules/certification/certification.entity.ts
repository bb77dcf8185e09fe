import { randomUUID } from 'node:crypto';
import { TenantScoped } from '@academy/subgraph-kit';
import { Entity, Index, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { Judgment } from '../plugins';
import type { CertificationStatusValue } from './certification-status';

/**
 * One learner's certification in one competency standard, from its generation by the saga to the
 * provider's folio or rejection. The CURP is stored only sealed (see CurpVault) with its blind index.
 */
@Entity({ tableName: 'certification' })
@TenantScoped()
// A learner's portfolio, newest first.
@Index({ properties: ['tenantId', 'learnerId', 'createdAt'] })
// The status poller and the stale-submission sweep.
@Index({ properties: ['status', 'nextPollAt'] })
export class CertificationEntity {
  @PrimaryKey({ type: 'uuid' }) id: string & Opt = randomUUID();
  @Property({ type: 'string', length: 64 }) tenantId: string;
  @Property({ type: 'string', length: 100 }) learnerId: string;
  @Property({ type: 'string', length: 16 }) standardCode: string;
  @Property({ type: 'string', length: 32 }) judgment: Judgment;
  /** YYYY-MM-DD, the day of the evaluation (a calendar date, no time zone). */
  @Property({ type: 'string', length: 10 }) evaluatedOn: string;
  @Property({ type: 'string', length: 32 }) evaluationCenterId: string;
  @Property({ type: 'text' }) curpCiphertext: string;
  @Property({ type: 'string', length: 32 }) curpKeyId: string;
  @Index() @Property({ type: 'string', length: 64 }) curpIndex: string;
  @Property({ type: 'string', length: 18 }) maskedCurp: string;
  @Property({ type: 'string', length: 16 }) status: CertificationStatusValue & Opt = 'PENDING';
  /** The certification provider plugin that certifies it, fixed when it is generated. */
  @Property({ type: 'string', length: 32 }) provider: string;
  @Property({ type: 'uuid' }) sagaId: string;
  /** The provider's id of the submission (CONOCER's submission id, the credential id for Open Badges). */
  @Property({ type: 'string', length: 200, nullable: true }) submissionId: string | null = null;
  @Index() @Property({ type: 'string', length: 200, nullable: true }) folio: string | null = null;
  @Property({ type: 'datetime', nullable: true }) issuedAt: Date | null = null;
  @Property({ type: 'string', length: 64, nullable: true }) reasonCode: string | null = null;
  @Property({ type: 'string', length: 500, nullable: true }) reasonMessage: string | null = null;
  /** The signed credential, for providers that issue one (Open Badges: a VC-JWT). */
  @Property({ type: 'text', nullable: true }) credential: string | null = null;
  /**
   * `tenant|learner|standard` while the certification is not REJECTED, null after: the unique index
   * allows one live certification per learner and standard (NULLs never collide), so two concurrent
   * submissions cannot both win.
   */
  @Unique() @Property({ type: 'string', length: 200, nullable: true }) activeKey: string | null = null;
  @Property({ type: 'datetime', nullable: true }) submissionRequestedAt: Date | null = null;
  @Property({ type: 'integer' }) submissionAttempts: number & Opt = 0;
  @Property({ type: 'datetime', nullable: true }) lastSubmissionAttemptAt: Date | null = null;
  @Property({ type: 'string', length: 500, nullable: true }) lastSubmissionError: string | null = null;
  /** Parked while its provider is known down (an open circuit); the poller sends it again when it answers. */
  @Property({ type: 'datetime', nullable: true }) submissionDeferredAt: Date | null = null;
  /** Set when the retry budget ran out; cleared when an administrator replays it. */
  @Property({ type: 'datetime', nullable: true }) deadLetteredAt: Date | null = null;
  @Property({ type: 'datetime', nullable: true }) submittedAt: Date | null = null;
  /** When the poller next asks the provider about a SUBMITTED certification. */
  @Property({ type: 'datetime', nullable: true }) nextPollAt: Date | null = null;
  @Property({ type: 'datetime' }) createdAt: Date & Opt = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date & Opt = new Date();
  /** Optimistic lock: the worker and the poller never both move one certification. */
  @Property({ type: 'integer', version: true }) version: number & Opt;
}

export const activeKeyOf = (tenantId: string, learnerId: string, standardCode: string) => `${tenantId}|${learnerId}|${standardCode}`;
