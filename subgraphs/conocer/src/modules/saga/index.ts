export { SagaEntity } from './saga.entity';
export { type SagaRunnerOptions, SagaRunner, type SagaSignal, type SagaStart } from './saga-runner';
export type { SagaDefinition, SagaHooks, SagaStep, StepContext } from './saga-step';
export { SagaStepFailure } from './saga-step-failure';
export { type CompletionEvidence, SAGA_STATUSES, type SagaInput, type SagaStatus, type StepRecord, type StepStatus } from './saga.types';
