export { DEVELOPMENT_CLIENT_ID, DEVELOPMENT_CLIENT_SECRET, loadSandboxEnvironment, type SandboxEnvironment, sandboxEnvironmentSchema } from './environment';
export { type FaultRuleInput, faultRuleSchema, OPERATIONS, type Operation } from './faults';
export type { LedgerStats } from './ledger';
export { type ConocerSandbox, type ConocerSandboxOptions, createConocerSandbox } from './sandbox';
export { SNAPSHOT_UPDATED_AT, type SandboxStandard } from './catalog';
export { JUDGMENTS, REJECTION_CODES, type RejectionCode } from './submission-rules';
export { startSandboxFromEnvironment } from './start-sandbox';
