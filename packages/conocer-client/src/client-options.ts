import { ConocerError } from './conocer-error';
import { normalizePins } from './tls-policy';
import type { ConocerClientOptions } from './types';

export interface ResolvedOptions {
  baseUrl: string;
  https: boolean;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  maxAttempts: number;
  maxRetryDelayMs: number;
  failureThreshold: number;
  halfOpenAfterMs: number;
  pins: string[];
  caCertificates?: string[];
}

const invalid = (message: string) => new ConocerError('validation', message, { code: 'INVALID_OPTIONS' });

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < 1) throw invalid(`${name} must be a positive integer, got ${value}`);
  return resolved;
}

/** Defaults applied and every option checked up front, so a misconfiguration fails at start, not on the first call. */
export function resolveOptions(options: ConocerClientOptions): ResolvedOptions {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw invalid(`baseUrl is not a URL: ${options.baseUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('baseUrl must be http:// or https://');
  if (url.search || url.hash) throw invalid('baseUrl must not carry a query or fragment');
  if (!options.clientId || !options.clientSecret) throw invalid('clientId and clientSecret are required');
  const pins = normalizePins(options.pinnedCertificateSha256 ?? []);
  if (pins.length > 0 && url.protocol !== 'https:') throw invalid('pinnedCertificateSha256 needs an https baseUrl');
  return {
    baseUrl: url.href.replace(/\/+$/, ''),
    https: url.protocol === 'https:',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    timeoutMs: positiveInteger('timeoutMs', options.timeoutMs, 10_000),
    maxAttempts: positiveInteger('maxAttempts', options.maxAttempts, 4),
    maxRetryDelayMs: positiveInteger('maxRetryDelayMs', options.maxRetryDelayMs, 30_000),
    failureThreshold: positiveInteger('breaker.failureThreshold', options.breaker?.failureThreshold, 5),
    halfOpenAfterMs: positiveInteger('breaker.halfOpenAfterMs', options.breaker?.halfOpenAfterMs, 30_000),
    pins,
    caCertificates: options.caCertificates,
  };
}
