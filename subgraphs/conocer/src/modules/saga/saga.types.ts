import type { SealedCurp } from '../curp';
import type { Judgment } from '../plugins';

export const SAGA_STATUSES = ['RUNNING', 'WAITING', 'COMPENSATING', 'COMPLETED', 'COMPENSATED', 'FAILED'] as const;
/**
 * RUNNING: a step is due; WAITING: for the provider's outcome; COMPENSATING: undoing completed steps
 * after a failure; COMPLETED; COMPENSATED: failed and undone; FAILED: a step after the submission kept
 * failing (the certification stands; an operator looks at `failure`).
 */
export type SagaStatus = (typeof SAGA_STATUSES)[number];

export type StepStatus = 'PENDING' | 'DONE' | 'WAITING' | 'FAILED' | 'COMPENSATED';

export interface StepRecord {
  name: string;
  status: StepStatus;
  /** ISO 8601 of the last change. */
  at: string | null;
  /** What the step decided or why it failed, for people reading the saga. */
  detail: string | null;
}

/** How the course completion was established: a recorded `course.completed`, or staff asserting it. */
export type CompletionEvidence = { source: 'RECORDED'; completionId: string } | { source: 'ASSERTED'; assertedBy: string };

export interface SagaInput {
  learnerId: string;
  standardCode: string;
  judgment: Judgment;
  evaluatedOn: string;
  evaluationCenterId: string;
  /** Sealed for the saga's tenant; copied as is to the certification and the learner profile. */
  curp: SealedCurp;
  provider: string;
  completion: CompletionEvidence;
}
