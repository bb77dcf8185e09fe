import { z } from 'zod';
import { parseRetryAfter } from './backoff';
import { ConocerError } from './conocer-error';
import type { RawResponse } from './http-transport';
import { apiError } from './wire-schemas';

function errorBody(response: RawResponse): { code: string | null; message: string } {
  try {
    const parsed = apiError.safeParse(JSON.parse(response.text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON (a proxy's HTML page): the status says enough.
  }
  return { code: null, message: `HTTP ${response.status}` };
}

/** A non-2xx answer as the error a caller can act on. */
export function errorFromResponse(response: RawResponse): ConocerError {
  const { status } = response;
  const { code, message } = errorBody(response);
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'] as string | undefined);
  const details = { status, code, retryAfterMs };
  if (status === 429) return new ConocerError('rate_limited', `CONOCER is throttling requests: ${message}`, details);
  if (status === 401 || status === 403) return new ConocerError('auth', `CONOCER refused the credentials: ${message}`, details);
  if (status === 408) return new ConocerError('timeout', `CONOCER timed out: ${message}`, details);
  if (status >= 500) return new ConocerError('unavailable', `CONOCER failed: ${message}`, details);
  return new ConocerError('validation', `CONOCER refused the request: ${message}`, details);
}

/** A 2xx body that does not have the documented shape: not retried, since the same request gets the same answer. */
export function parseBody<S extends z.ZodType>(schema: S, response: RawResponse): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch {
    throw new ConocerError('unavailable', 'CONOCER answered with a body that is not JSON', { status: response.status, code: 'UNEXPECTED_RESPONSE', retryable: false });
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw new ConocerError('unavailable', `CONOCER answered with an unexpected shape (${where})`, { status: response.status, code: 'UNEXPECTED_RESPONSE', retryable: false });
}

