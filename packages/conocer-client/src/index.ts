export { createConocerClient, MAX_BATCH_SIZE, MAX_PAGE_SIZE } from './create-conocer-client';
export { ConocerError, type ConocerErrorDetails, type ConocerErrorKind } from './conocer-error';
export { maskCurps } from './audit';
export type {
  BatchReceipt,
  CertificateVerification,
  CircuitStateName,
  ClosableConocerClient,
  ConocerCallRecord,
  ConocerClient,
  ConocerClientOptions,
  ConocerStandard,
  Judgment,
  SubmissionItem,
  SubmissionResult,
  SubmissionStatus,
} from './types';
