export type ConocerErrorKind = 'validation' | 'auth' | 'rate_limited' | 'unavailable' | 'timeout' | 'circuit_open';

const RETRYABLE: Record<ConocerErrorKind, boolean> = {
  validation: false,
  auth: false,
  rate_limited: true,
  unavailable: true,
  timeout: true,
  circuit_open: true,
};

export interface ConocerErrorDetails {
  status?: number | null;
  retryAfterMs?: number | null;
  /** Overrides the kind's default (e.g. an unexpected response shape is `unavailable` but not worth retrying). */
  retryable?: boolean;
  /** The API's error code (e.g. `SUBMISSION_NOT_FOUND`) or the client's own (`CERTIFICATE_PIN_MISMATCH`). */
  code?: string | null;
  cause?: unknown;
}

/**
 * Every failure of the client. `kind` says what to do: fix the input (`validation`), fix the
 * credentials or TLS setup (`auth`), or try again later (`retryable`, not before `retryAfterMs`).
 */
export class ConocerError extends Error {
  readonly kind: ConocerErrorKind;
  readonly retryable: boolean;
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  readonly code: string | null;

  constructor(kind: ConocerErrorKind, message: string, details: ConocerErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ConocerError';
    this.kind = kind;
    this.retryable = details.retryable ?? RETRYABLE[kind];
    this.status = details.status ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.code = details.code ?? null;
  }
}

/** Failures that say CONOCER is unwell (not the caller, not throttling): these open the circuit. */
export function countsAgainstCircuit(error: unknown): boolean {
  return error instanceof ConocerError && (error.kind === 'unavailable' || error.kind === 'timeout') && error.retryable;
}
