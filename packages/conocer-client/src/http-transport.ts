import { type Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ConocerError } from './conocer-error';
import { PinMismatchError } from './tls-policy';

export interface RawRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  agent: Agent;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Bigger answers are a broken or hostile server, not something to buffer. */
const MAX_RESPONSE_BYTES = 20_000_000;

/** Node's TLS and certificate failures: a setup problem (or an attack), never fixed by retrying. */
function isTlsFailure(error: NodeJS.ErrnoException, https: boolean): boolean {
  const code = error.code ?? '';
  // EPROTO is how OpenSSL reports a failed version negotiation (a server below TLS 1.3).
  return (https && code === 'EPROTO') || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code);
}

function transportError(error: unknown, timedOut: boolean, timeoutMs: number, https: boolean): ConocerError {
  if (timedOut) return new ConocerError('timeout', `No answer within ${timeoutMs} ms`, { code: 'TIMEOUT' });
  if (error instanceof PinMismatchError) return new ConocerError('auth', error.message, { code: error.code, cause: error });
  const errno = error as NodeJS.ErrnoException;
  if (isTlsFailure(errno, https)) return new ConocerError('auth', `TLS handshake failed: ${errno.message}`, { code: 'TLS_FAILURE', cause: error });
  return new ConocerError('unavailable', `Could not reach CONOCER: ${errno.code ?? errno.message}`, { code: errno.code ?? 'NETWORK_ERROR', cause: error });
}

/** One HTTP exchange over node:http(s), bounded by `timeoutMs` from the first byte sent to the last received. */
export function sendRequest({ url, method, headers, body, timeoutMs, agent }: RawRequest): Promise<RawResponse> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let timedOut = false;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(transportError(error, timedOut, timeoutMs, url.protocol === 'https:'));
    };
    const req = send(url, { method, headers: { ...headers, ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) }) }, agent }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          req.destroy(new Error(`response larger than ${MAX_RESPONSE_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', fail);
      res.on('aborted', () => fail(new Error('response aborted')));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error('timeout'));
    }, timeoutMs);
    req.on('error', fail);
    req.end(body);
  });
}
