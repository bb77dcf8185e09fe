import type { Logger } from '@academy/service-kit';

export interface ConocerClientOptions {
  /** The API root, e.g. `https://api.conocer.example` or the sandbox's `http://localhost:4010`. */
  baseUrl: string;
  /** OAuth2 client-credentials grant. */
  clientId: string;
  clientSecret: string;
  /** Per attempt: each HTTP request (the token request included) gives up after this long. @default 10000 */
  timeoutMs?: number;
  /** Attempts per operation, the first included; retryable failures only, exponential backoff with jitter, honouring Retry-After. @default 4 */
  maxAttempts?: number;
  /** Consecutive unavailable/timeout failures that open the circuit, and how long it stays open before one probe. @default { failureThreshold: 5, halfOpenAfterMs: 30000 } */
  breaker?: { failureThreshold?: number; halfOpenAfterMs?: number };
  /** https only: the SHA-256 fingerprint (hex, colons optional, or base64) of a certificate the server's chain must contain. TLS 1.3 is the minimum always. */
  pinnedCertificateSha256?: string[];
  /** Every external call, after it ends: no secrets, CURPs masked. */
  audit?: (call: ConocerCallRecord) => void;
  /** pino logger from @academy/service-kit. @default silent */
  logger?: Logger;
  /** Extra CA certificates (PEM) to trust for https, e.g. a private CA or a sandbox's self-signed certificate. @default the system's */
  caCertificates?: string[];
  /** A Retry-After (or backoff) longer than this is not waited for: the call fails with `retryAfterMs` so the caller can reschedule. @default 30000 */
  maxRetryDelayMs?: number;
}

export interface ConocerCallRecord {
  /** `token`, `listStandards`, `submitBatch`, `getSubmission`, `verifyByFolio`, `verifyByCurp`. */
  operation: string;
  method: string;
  /** Path and query; never a CURP (CURP searches travel in the body). */
  path: string;
  /** null when no HTTP answer came (network failure, timeout, open circuit). */
  status: number | null;
  /** 1-based attempt of the operation this call belongs to. */
  attempt: number;
  durationMs: number;
  outcome: 'ok' | 'error';
  error?: string;
}

export type Judgment = 'COMPETENTE' | 'TODAVIA_NO_COMPETENTE';

export interface SubmissionItem {
  idempotencyKey: string;
  curp: string;
  standardCode: string;
  judgment: Judgment;
  /** YYYY-MM-DD */
  evaluatedOn: string;
  /** ECE/OC id */
  evaluationCenterId: string;
}

export interface SubmissionResult {
  idempotencyKey: string;
  submissionId: string | null;
  status: 'RECEIVED' | 'REJECTED';
  reason?: { code: string; message: string };
}

export interface BatchReceipt {
  batchId: string;
  items: SubmissionResult[];
}

export interface SubmissionStatus {
  submissionId: string;
  idempotencyKey: string;
  status: 'RECEIVED' | 'ISSUED' | 'REJECTED';
  folio: string | null;
  issuedAt: string | null;
  reason?: { code: string; message: string };
}

export interface CertificateVerification {
  folio: string;
  standardCode: string;
  standardTitle: string;
  holderName?: string;
  curpMasked: string;
  issuedAt: string;
  status: 'VALID' | 'REVOKED';
}

export interface ConocerStandard {
  code: string;
  title: string;
  level: number;
  committee: string | null;
  sector: string | null;
  updatedAt: string;
  retired: boolean;
}

export type CircuitStateName = 'closed' | 'open' | 'half-open';

export interface ConocerClient {
  listStandards(params?: { updatedSince?: string; page?: number; pageSize?: number }): Promise<{ items: ConocerStandard[]; page: number; pageSize: number; total: number }>;
  submitBatch(items: SubmissionItem[]): Promise<BatchReceipt>;
  getSubmission(submissionId: string): Promise<SubmissionStatus>;
  /** null when no certificate has this folio. */
  verifyByFolio(folio: string): Promise<CertificateVerification | null>;
  verifyByCurp(curp: string): Promise<CertificateVerification[]>;
  circuitState(): CircuitStateName;
  /** Returns a function that removes the listener. */
  onCircuitChange(listener: (state: CircuitStateName) => void): () => void;
}

/** What `createConocerClient` returns: the contract plus releasing its keep-alive connections. */
export interface ClosableConocerClient extends ConocerClient {
  close(): void;
}
