import type { Agent } from 'node:http';
import { BrokenCircuitError, IsolatedCircuitError } from 'cockatiel';
import type { AuditSink } from './audit';
import { retryDelayMs } from './backoff';
import type { Circuit } from './circuit';
import { ConocerError } from './conocer-error';
import { type RawResponse, sendRequest } from './http-transport';
import { errorFromResponse } from './response-errors';
import { TokenCache } from './token-cache';

export interface ExecutorConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  agent: Agent;
  timeoutMs: number;
  maxAttempts: number;
  maxRetryDelayMs: number;
  halfOpenAfterMs: number;
  circuit: Circuit;
  audit: AuditSink;
}

export interface ApiRequest {
  /** Names the call in audit records. */
  operation: string;
  method: 'GET' | 'POST';
  /** Path and query under the base URL. */
  path: string;
  body?: unknown;
  /** Non-2xx statuses handed to `read` instead of failing (404 → "no such certificate"). */
  accept?: number[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs API calls: token, per-attempt timeout, one token refresh on 401, the circuit breaker around
 * each attempt, and retries of retryable failures with backoff that honours Retry-After. Every
 * HTTP exchange (and every call refused by the open circuit) is audited.
 */
export class CallExecutor {
  private readonly tokens: TokenCache;
  private openedAt = 0;

  constructor(private readonly config: ExecutorConfig) {
    this.tokens = new TokenCache((attempt) => this.exchange('token', 'POST', '/oauth/token', attempt, this.tokenRequestInit()));
    config.circuit.onChange((state) => {
      if (state === 'open') this.openedAt = Date.now();
    });
  }

  async call<T>(request: ApiRequest, read: (response: RawResponse) => T): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let failure: ConocerError;
      try {
        return await this.config.circuit.execute(() => this.attempt(request, attempt, read));
      } catch (error) {
        failure = this.asConocerError(error, request, attempt);
      }
      if (!failure.retryable || failure.kind === 'circuit_open' || attempt >= this.config.maxAttempts) throw failure;
      const delay = retryDelayMs(attempt, failure.retryAfterMs);
      // A long Retry-After is the caller's to schedule (an outbox retries later), not ours to block on.
      if (delay > this.config.maxRetryDelayMs) throw failure;
      await sleep(delay);
    }
  }

  private async attempt<T>(request: ApiRequest, attempt: number, read: (response: RawResponse) => T): Promise<T> {
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const send = async (token: string) =>
      this.exchange(request.operation, request.method, request.path, attempt, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== undefined && { 'content-type': 'application/json' }) },
        body,
        accept: request.accept,
      });
    const token = await this.tokens.get(attempt);
    let response = await send(token);
    if (response.status === 401) {
      // Expired or revoked early: one fresh token, once. A second 401 is a real refusal.
      this.tokens.invalidate(token);
      response = await send(await this.tokens.get(attempt));
    }
    if ((response.status >= 200 && response.status < 300) || request.accept?.includes(response.status)) return read(response);
    throw errorFromResponse(response);
  }

  private tokenRequestInit() {
    const basic = Buffer.from(`${encodeURIComponent(this.config.clientId)}:${encodeURIComponent(this.config.clientSecret)}`).toString('base64');
    return {
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: 'grant_type=client_credentials',
    };
  }

  private async exchange(
    operation: string,
    method: string,
    path: string,
    attempt: number,
    init: { headers: Record<string, string>; body?: string; accept?: number[] },
  ): Promise<RawResponse> {
    const started = performance.now();
    const record = (status: number | null, error?: string) =>
      this.config.audit({
        operation,
        method,
        path,
        status,
        attempt,
        durationMs: Math.round(performance.now() - started),
        outcome: error === undefined ? 'ok' : 'error',
        ...(error !== undefined && { error }),
      });
    try {
      const response = await sendRequest({ url: new URL(this.config.baseUrl + path), method, headers: init.headers, body: init.body, timeoutMs: this.config.timeoutMs, agent: this.config.agent });
      const ok = (response.status >= 200 && response.status < 300) || init.accept?.includes(response.status);
      record(response.status, ok ? undefined : errorFromResponse(response).message);
      return response;
    } catch (error) {
      record(null, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  private asConocerError(error: unknown, request: ApiRequest, attempt: number): ConocerError {
    if (error instanceof ConocerError) return error;
    if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
      const retryAfterMs = Math.max(0, this.openedAt + this.config.halfOpenAfterMs - Date.now());
      this.config.audit({ operation: request.operation, method: request.method, path: request.path, status: null, attempt, durationMs: 0, outcome: 'error', error: 'circuit open: not sent' });
      return new ConocerError('circuit_open', 'The circuit to CONOCER is open after repeated failures; not sent', { code: 'CIRCUIT_OPEN', retryAfterMs });
    }
    throw error;
  }
}
