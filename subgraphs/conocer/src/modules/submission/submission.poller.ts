import type { Logger } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import { applyOutcome, CertificationEntity, submissionRequested } from '../certification';
import { mapConcurrently } from '../../common/map-concurrently';
import { enqueueEvent } from '../outbox';
import type { SagaRunner } from '../saga';
import type { ProviderDirectory } from '../plugins';

/** Status questions in flight at once per round (CONOCER answers one submission per call). */
const POLL_CONCURRENCY = 10;

export interface SubmissionPollerOptions {
  pollIntervalMs: number;
  /** A PENDING submission with no delivery attempt for this long is queued again. */
  staleMs: number;
  /** Certifications looked at per round. @default 100 */
  batchSize?: number;
}

/**
 * Moves SUBMITTED certifications to ISSUED or REJECTED by asking their provider (CONOCER issues folios
 * asynchronously), sends parked submissions again once their provider is back, and re-queues
 * submissions lost on the way (an in-process bus forgets its queue when the process dies; the outbox
 * row was already marked published). Re-queuing is safe because providers are idempotent on the
 * certification id.
 */
export class SubmissionPoller {
  private readonly batchSize: number;

  constructor(
    /** All-tenants scope, outside any request. */
    private readonly em: EntityManager,
    private readonly providers: ProviderDirectory,
    private readonly runner: SagaRunner,
    private readonly logger: Logger,
    private readonly options: SubmissionPollerOptions,
    private readonly onCommit: () => void,
  ) {
    this.batchSize = options.batchSize ?? 100;
  }

  async run(): Promise<void> {
    await this.poll();
    await this.resumeParked();
    await this.requeueStale();
  }

  /** Asks the providers about due SUBMITTED certifications; returns how many were settled. */
  async poll(): Promise<number> {
    const em = this.em.fork();
    const now = new Date();
    const due = await em.find(CertificationEntity, { status: 'SUBMITTED', nextPollAt: { $lte: now } }, { orderBy: { nextPollAt: 'asc' }, limit: this.batchSize });
    // A provider known down is asked about one submission per round: the call that probes whether it is back.
    const probed = new Set<string>();
    const askable = due.filter((row) => {
      const provider = this.providers.get(row.provider);
      if (!provider || !row.submissionId) return false;
      if (provider.availability() !== 'unavailable') return true;
      if (probed.has(provider.name)) return false;
      probed.add(provider.name);
      return true;
    });
    const outcomes = await mapConcurrently(askable, POLL_CONCURRENCY, (row) => this.ask(em, row));
    return outcomes.filter(Boolean).length;
  }

  /** One certification's status at its provider; true when it settled. Failures wait for the next poll. */
  private async ask(em: EntityManager, row: CertificationEntity): Promise<boolean> {
    // Claimed by moving its next poll: another replica that read the same row loses this update.
    const next = new Date(Date.now() + this.options.pollIntervalMs);
    if ((await em.fork().nativeUpdate(CertificationEntity, { id: row.id, status: 'SUBMITTED', nextPollAt: row.nextPollAt }, { nextPollAt: next })) === 0) return false;
    try {
      const outcome = await this.providers.get(row.provider)!.status(row.submissionId!);
      if (outcome.status === 'RECEIVED') return false;
      const sagaId = await applyOutcome(this.em, this.runner, row.id, outcome, this.options);
      this.onCommit();
      if (sagaId) await this.runner.resume(sagaId);
      return sagaId !== null;
    } catch (error) {
      this.logger.warn({ err: error, certificationId: row.id, provider: row.provider }, 'could not get a submission’s status; will ask again');
      return false;
    }
  }

  /**
   * Sends parked submissions (their provider was down) again: all of them once the provider is
   * available, else one per round, which probes it (a circuit breaker lets one call through once its
   * wait is over, and that call closes it again).
   */
  async resumeParked(): Promise<number> {
    let resumed = 0;
    for (const name of this.providers.names()) {
      const limit = this.providers.get(name)!.availability() === 'available' ? this.batchSize : 1;
      const parked = await this.em.fork().find(
        CertificationEntity,
        { provider: name, status: 'PENDING', submissionDeferredAt: { $ne: null }, deadLetteredAt: null },
        { fields: ['id', 'submissionDeferredAt'], orderBy: { submissionDeferredAt: 'asc' }, limit },
      );
      for (const { id, submissionDeferredAt } of parked) {
        const queued = await this.em.fork().transactional(async (tx) => {
          // Claimed by clearing the mark it was read with: a replica doing the same finds it gone.
          if ((await tx.nativeUpdate(CertificationEntity, { id, status: 'PENDING', submissionDeferredAt }, { submissionDeferredAt: null, submissionRequestedAt: new Date() })) === 0) return false;
          enqueueEvent(tx, submissionRequested(await tx.findOneOrFail(CertificationEntity, { id })));
          return true;
        });
        if (queued) resumed++;
      }
    }
    if (resumed > 0) this.onCommit();
    return resumed;
  }

  /** Queues again, through the outbox, the PENDING submissions nobody has tried for `staleMs`. */
  async requeueStale(): Promise<number> {
    const cutoff = new Date(Date.now() - this.options.staleMs);
    const stale = await this.em.fork().find(
      CertificationEntity,
      {
        status: 'PENDING',
        deadLetteredAt: null,
        submissionDeferredAt: null,
        submissionRequestedAt: { $ne: null, $lt: cutoff },
        $or: [{ lastSubmissionAttemptAt: null }, { lastSubmissionAttemptAt: { $lt: cutoff } }],
      },
      { fields: ['id'], limit: this.batchSize },
    );
    let requeued = 0;
    for (const { id } of stale) {
      const queued = await this.em.fork().transactional(async (tx) => {
        const row = await tx.findOne(CertificationEntity, { id, status: 'PENDING', submissionRequestedAt: { $lt: cutoff } });
        if (!row) return false;
        row.submissionRequestedAt = new Date();
        enqueueEvent(tx, submissionRequested(row));
        return true;
      });
      if (queued) requeued++;
    }
    if (requeued > 0) {
      this.logger.warn({ requeued }, 'queued stale certification submissions again');
      this.onCommit();
    }
    return requeued;
  }
}
