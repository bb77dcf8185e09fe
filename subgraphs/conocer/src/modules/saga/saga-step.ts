import type { EntityManager } from '@mikro-orm/core';
import type { SagaEntity } from './saga.entity';

export interface StepContext {
  /** The transaction that commits the step's effects together with the saga's new state. */
  tx: EntityManager;
  saga: SagaEntity;
}

/**
 * One step. `execute` returns DONE, or WAITING when an outside outcome completes it (the provider's
 * answer, delivered through `SagaRunner.settle`). Both `execute` and `compensate` write only through
 * `tx`, so a step's effects exist exactly when the saga records the step.
 */
export interface SagaStep {
  name: string;
  execute(context: StepContext): Promise<'DONE' | 'WAITING'>;
  compensate?(context: StepContext): Promise<void>;
}

export interface SagaDefinition {
  steps: readonly SagaStep[];
  /**
   * The step after which nothing can be undone (the provider certified): failures up to and including
   * it compensate the completed steps in reverse; steps after it are retried, never compensated.
   */
  pivot: string;
}

/** Test and operations seams: called around every step, outside its transaction. */
export interface SagaHooks {
  beforeStep?(step: string, sagaId: string): void | Promise<void>;
  afterStep?(step: string, sagaId: string): void | Promise<void>;
}
