import { ConocerError } from '@academy/conocer-client';
import { StandardsSyncFailureCode } from './sync-job.type';
import { SyncRefused } from './sync-refused';

const BY_KIND: Record<ConocerError['kind'], StandardsSyncFailureCode> = {
  unavailable: StandardsSyncFailureCode.CONOCER_UNAVAILABLE,
  timeout: StandardsSyncFailureCode.CONOCER_TIMEOUT,
  rate_limited: StandardsSyncFailureCode.CONOCER_RATE_LIMITED,
  auth: StandardsSyncFailureCode.CONOCER_AUTH,
  validation: StandardsSyncFailureCode.CONOCER_REJECTED,
  circuit_open: StandardsSyncFailureCode.CIRCUIT_OPEN,
};

/** The reason a job records: the client's errors by kind; anything else is ours and named INTERNAL (details in the log). */
export function failureOf(error: unknown): { code: StandardsSyncFailureCode; message: string } {
  if (error instanceof ConocerError) {
    const code = error.code === 'UNEXPECTED_RESPONSE' ? StandardsSyncFailureCode.CONOCER_REJECTED : BY_KIND[error.kind];
    return { code, message: error.message };
  }
  if (error instanceof SyncRefused) return { code: StandardsSyncFailureCode.CONOCER_REJECTED, message: error.message };
  return { code: StandardsSyncFailureCode.INTERNAL, message: 'The sync failed unexpectedly; see the conocer service log' };
}
