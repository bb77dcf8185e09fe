import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '@academy/service-kit';
import { type EntityManager, OptimisticLockError, raw, UniqueConstraintViolationException } from '@mikro-orm/core';
import { SagaEntity } from './saga.entity';
import type { SagaDefinition, SagaHooks, SagaStep } from './saga-step';
import { SagaStepFailure } from './saga-step-failure';
import type { SagaInput, StepStatus } from './saga.types';

export interface SagaRunnerOptions {
  /** How long this process owns a saga it drives; renewed at every step. */
  leaseMs: number;
  /** Attempts of a failing step before it counts as failed for good. */
  maxStepAttempts: number;
  hooks?: SagaHooks;
}

export interface SagaStart {
  tenantId: string;
  requestKey: string;
  input: SagaInput;
}

/** The outcome of a WAITING step, from outside (the provider's answer). */
export type SagaSignal = { ok: true; detail: string } | { ok: false; code: string; message: string };

const MAX_BACKOFF_MS = 60_000;
const backoffMs = (attempts: number) => Math.min(1000 * 2 ** Math.min(attempts - 1, 16), MAX_BACKOFF_MS);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

type Verdict = 'continue' | 'stop';

/**
 * Drives sagas step by step. Each step runs in one transaction with the saga's new state, under a
 * lease (`lockedBy`/`lockedUntil`) and an optimistic version, so exactly one process advances a saga
 * and a process that lost it cannot commit over the new owner. A crashed process's sagas are picked
 * up by `sweep()` once its lease has run out, from the last committed step.
 */
export class SagaRunner {
  /** Unique per process start, so a restarted process does not mistake its predecessor's leases for its own. */
  readonly owner = `${hostname().slice(0, 40)}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly pivotIndex: number;
  private readonly driving = new Set<Promise<void>>();
  private closed = false;

  constructor(
    /** Outside any request, in the all-tenants scope: sagas carry their tenant. */
    private readonly em: EntityManager,
    private readonly definition: SagaDefinition,
    private readonly options: SagaRunnerOptions,
    private readonly logger: Logger,
    /** Called after every commit (the outbox relay's kick). */
    private readonly onCommit: () => void,
  ) {
    this.pivotIndex = definition.steps.findIndex((step) => step.name === definition.pivot);
    if (this.pivotIndex < 0) throw new Error(`the pivot ${definition.pivot} is not a step`);
  }

  /**
   * Creates the saga and runs its first step in one transaction, so a first step that fails throws
   * and leaves nothing behind; then drives it until it waits or ends. A known `requestKey` returns
   * the saga it started before.
   */
  async start({ tenantId, requestKey, input }: SagaStart): Promise<{ sagaId: string; created: boolean }> {
    const existing = await this.em.fork().findOne(SagaEntity, { requestKey }, { fields: ['id'] });
    if (existing) return { sagaId: existing.id, created: false };
    const [first] = this.definition.steps;
    const sagaId = randomUUID();
    try {
      await this.options.hooks?.beforeStep?.(first!.name, sagaId);
      await this.em.fork().transactional(async (tx) => {
        const saga = tx.create(SagaEntity, {
          id: sagaId,
          tenantId,
          requestKey,
          input,
          steps: this.definition.steps.map((step) => ({ name: step.name, status: 'PENDING' as StepStatus, at: null, detail: null })),
          lockedBy: this.owner,
          lockedUntil: this.leaseEnd(),
        });
        this.advance(saga, 0, await first!.execute({ tx, saga }));
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        const winner = await this.em.fork().findOne(SagaEntity, { requestKey }, { fields: ['id'] });
        if (winner) return { sagaId: winner.id, created: false };
      }
      if (error instanceof SagaStepFailure && error.clientError) throw error.clientError;
      throw error;
    }
    this.onCommit();
    await this.options.hooks?.afterStep?.(first!.name, sagaId);
    await this.track(this.drive(sagaId));
    return { sagaId, created: true };
  }

  /** Claims the saga if it is due and free, and drives it; false when another process has it. */
  async resume(sagaId: string): Promise<boolean> {
    if (this.closed) return false;
    const now = new Date();
    const claimed = await this.em.fork().nativeUpdate(
      SagaEntity,
      {
        id: sagaId,
        status: { $in: ['RUNNING', 'COMPENSATING'] },
        $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }, { lockedBy: this.owner }],
      },
      // Bumping the version fences off a previous owner still holding a loaded copy.
      { lockedBy: this.owner, lockedUntil: this.leaseEnd(), version: raw('version + 1') },
    );
    if (claimed === 0) return false;
    await this.track(this.drive(sagaId));
    return true;
  }

  /** Resumes every saga that is due and not owned: left by a crash, or a retry whose time came. */
  async sweep(limit = 50): Promise<number> {
    const now = new Date();
    const due = await this.em.fork().find(
      SagaEntity,
      { status: { $in: ['RUNNING', 'COMPENSATING'] }, nextAttemptAt: { $lte: now }, $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }] },
      { fields: ['id'], orderBy: { nextAttemptAt: 'asc' }, limit },
    );
    let resumed = 0;
    for (const { id } of due) if (await this.resume(id)) resumed++;
    return resumed;
  }

  /**
   * Completes (or fails) the WAITING step inside the caller's transaction, which also holds the change
   * that decided it; `resume()` after the commit carries on. False when the saga was not waiting.
   */
  async settle(tx: EntityManager, sagaId: string, signal: SagaSignal): Promise<boolean> {
    const saga = await tx.findOne(SagaEntity, { id: sagaId });
    if (!saga || saga.status !== 'WAITING') return false;
    const index = saga.step;
    if (signal.ok) {
      this.mark(saga, index, 'DONE', signal.detail);
      Object.assign(saga, { step: index + 1, status: 'RUNNING', attempts: 0, nextAttemptAt: new Date() });
    } else {
      this.mark(saga, index, 'FAILED', `${signal.code}: ${signal.message}`);
      Object.assign(saga, { status: 'COMPENSATING', step: index - 1, attempts: 0, nextAttemptAt: new Date(), failure: { step: this.definition.steps[index]!.name, ...signal } });
    }
    return true;
  }

  /** Stops taking sagas and waits for the ones being driven (their leases are then released by expiry). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.driving]);
  }

  private async track(run: Promise<void>): Promise<void> {
    this.driving.add(run);
    try {
      await run;
    } finally {
      this.driving.delete(run);
    }
  }

  /** Runs (or compensates) steps while this process owns the saga and there is something to do. */
  private async drive(sagaId: string): Promise<void> {
    while (!this.closed) {
      const saga = await this.em.fork().findOne(SagaEntity, { id: sagaId, lockedBy: this.owner });
      if (!saga) return;
      let verdict: Verdict;
      if (saga.status === 'RUNNING' && saga.step < this.definition.steps.length) {
        verdict = await this.runStep(sagaId, saga.step);
      } else if (saga.status === 'COMPENSATING') {
        verdict = await this.compensateStep(sagaId, saga.step);
      } else {
        return;
      }
      if (verdict === 'stop') return;
    }
  }

  private async runStep(sagaId: string, index: number): Promise<Verdict> {
    const step = this.definition.steps[index]!;
    try {
      await this.options.hooks?.beforeStep?.(step.name, sagaId);
      await this.inOwnedSaga(sagaId, async (tx, saga) => this.advance(saga, index, await step.execute({ tx, saga })));
    } catch (error) {
      if (error instanceof LostSaga) return 'stop';
      return this.stepFailed(sagaId, index, step, error, false);
    }
    this.onCommit();
    await this.options.hooks?.afterStep?.(step.name, sagaId);
    return 'continue';
  }

  private async compensateStep(sagaId: string, index: number): Promise<Verdict> {
    try {
      await this.inOwnedSaga(sagaId, async (tx, saga) => {
        if (index < 0) {
          Object.assign(saga, { status: 'COMPENSATED', lockedBy: null, lockedUntil: null });
          this.logger.info({ sagaId, tenantId: saga.tenantId, failure: saga.failure }, 'saga compensated');
          return;
        }
        const step = this.definition.steps[index]!;
        // A step with nothing to undo (a check) stays DONE.
        if (saga.steps[index]?.status === 'DONE' && step.compensate) {
          await step.compensate({ tx, saga });
          this.mark(saga, index, 'COMPENSATED', null);
        }
        Object.assign(saga, { step: index - 1, attempts: 0, lockedUntil: this.leaseEnd() });
      });
    } catch (error) {
      if (error instanceof LostSaga) return 'stop';
      return this.stepFailed(sagaId, index, this.definition.steps[index]!, error, true);
    }
    this.onCommit();
    return index < 0 ? 'stop' : 'continue';
  }

  /** Loads the saga in a transaction as long as this process owns it; a lost lease or version aborts it. */
  private async inOwnedSaga(sagaId: string, work: (tx: EntityManager, saga: SagaEntity) => Promise<void>): Promise<void> {
    try {
      await this.em.fork().transactional(async (tx) => {
        const saga = await tx.findOne(SagaEntity, { id: sagaId, lockedBy: this.owner });
        if (!saga) throw new LostSaga();
        await work(tx, saga);
      });
    } catch (error) {
      if (error instanceof OptimisticLockError) throw new LostSaga();
      throw error;
    }
  }

  /** Records a failed attempt; decides between retrying later, compensating and giving up. */
  private async stepFailed(sagaId: string, index: number, step: SagaStep, error: unknown, compensating: boolean): Promise<Verdict> {
    const definitive = error instanceof SagaStepFailure;
    const code = definitive ? error.code : 'STEP_FAILED';
    const message = messageOf(error);
    let verdict: Verdict = 'stop';
    try {
      await this.inOwnedSaga(sagaId, async (_tx, saga) => {
        saga.attempts += 1;
        const exhausted = definitive || saga.attempts >= this.options.maxStepAttempts;
        if (!exhausted) {
          this.logger.warn({ err: error, sagaId, step: step.name, attempts: saga.attempts }, 'saga step failed; will retry');
          this.mark(saga, index, saga.steps[index]!.status, message);
          Object.assign(saga, { nextAttemptAt: new Date(Date.now() + backoffMs(saga.attempts)), lockedBy: null, lockedUntil: null });
          return;
        }
        if (!compensating && index <= this.pivotIndex) {
          this.logger.warn({ sagaId, step: step.name, code, message }, 'saga step failed; compensating');
          this.mark(saga, index, 'FAILED', `${code}: ${message}`);
          Object.assign(saga, { status: 'COMPENSATING', step: index - 1, attempts: 0, nextAttemptAt: new Date(), failure: { step: step.name, code, message } });
          verdict = 'continue';
          return;
        }
        this.logger.error({ err: error, sagaId, step: step.name, compensating }, 'saga step failed for good; the saga needs an operator');
        this.mark(saga, index, 'FAILED', `${code}: ${message}`);
        const failure = compensating && saga.failure ? { ...saga.failure, message: `${saga.failure.message}; compensating ${step.name} failed: ${message}` } : { step: step.name, code, message };
        Object.assign(saga, { status: 'FAILED', failure, lockedBy: null, lockedUntil: null });
      });
    } catch (recordError) {
      if (!(recordError instanceof LostSaga)) this.logger.error({ err: recordError, sagaId }, 'could not record a saga step failure; the lease will expire');
      return 'stop';
    }
    return verdict;
  }

  /** After a successful `execute`: the step's record, and the saga moved on (or parked while it waits). */
  private advance(saga: SagaEntity, index: number, result: 'DONE' | 'WAITING'): void {
    this.mark(saga, index, result, null);
    saga.attempts = 0;
    if (result === 'WAITING') {
      Object.assign(saga, { status: 'WAITING', lockedBy: null, lockedUntil: null });
      return;
    }
    saga.step = index + 1;
    if (saga.step >= this.definition.steps.length) Object.assign(saga, { status: 'COMPLETED', lockedBy: null, lockedUntil: null });
    else saga.lockedUntil = this.leaseEnd();
  }

  /** JSON columns are compared by value, so the array is replaced rather than edited in place. */
  private mark(saga: SagaEntity, index: number, status: StepStatus, detail: string | null): void {
    saga.steps = saga.steps.map((record, i) => (i === index ? { ...record, status, detail, at: new Date().toISOString() } : record));
  }

  private leaseEnd(): Date {
    return new Date(Date.now() + this.options.leaseMs);
  }
}

class LostSaga extends Error {
  override readonly name = 'LostSaga';
}
