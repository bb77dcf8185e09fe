import autocannon from 'autocannon';
import { LOAD_LIMITS, type LoadResult } from '../support';
import type { QueryVariant } from './queries';

export interface VariantLoadOptions {
  url: string;
  headers?: Record<string, string>;
  /** Sent in turn, one counter per load: with more variants than connections, no two requests in flight are the same. */
  variants: QueryVariant[];
  /**
   * Per variant, how a correct response starts: `{"data":` and the verified data. The rest may only be
   * `}` or `,"extensions":…}` (this gateway's `extensions.cost`), so a response with errors, or with any
   * field nulled, counts as a mismatch.
   */
  expectedPrefixes: string[];
  connections: number;
  /** Seconds. */
  duration: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** `{"data":…` followed by nothing but the end of the object or more top-level members. */
export function matchesPrefix(body: string, prefix: string): boolean {
  if (!body.startsWith(prefix)) return false;
  const next = body[prefix.length];
  return next === '}' || next === ',';
}

/** Like `runLoad`, but every request takes the next variant and every response is checked against that variant's data. */
export async function runVariantLoad({ url, headers = {}, variants, expectedPrefixes, connections, duration }: VariantLoadOptions): Promise<LoadResult & { wrongAnswers: Record<string, number> }> {
  const { hostname, protocol } = new URL(url);
  if (protocol !== 'http:' || !LOOPBACK.has(hostname)) throw new Error(`refusing to load ${url}: benchmarks only target http on loopback`);
  if (!(duration > 0 && duration <= LOAD_LIMITS.maxDurationSeconds)) throw new Error(`duration must be in (0, ${LOAD_LIMITS.maxDurationSeconds}] s`);
  if (variants.length !== expectedPrefixes.length) throw new Error('one expected prefix per variant');
  let next = 0;
  let mismatches = 0;
  const wrong = new Map<string, number>();
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    connections,
    duration,
    // Generous: on a shared two-core machine a slow gateway's queue can hold requests for seconds.
    timeout: 30,
    requests: [
      {
        setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => {
          const index = next++ % variants.length;
          context.variant = index;
          return { ...request, body: variants[index]!.body };
        },
        onResponse: (status: number, body: string, context: Record<string, unknown>) => {
          if (status === 200 && matchesPrefix(body, expectedPrefixes[context.variant as number]!)) return;
          mismatches++;
          // What went wrong, by status and error code or message, so a report can say it.
          const reason = `HTTP ${status}: ${/"(?:code|message)":"([^"]{1,120})"/.exec(body)?.[1] ?? 'other data'}`;
          wrong.set(reason, (wrong.get(reason) ?? 0) + 1);
        },
      },
    ],
  });
  const latenciesMs: number[] = [];
  instance.on('response', (_client, _status, _bytes, ms) => latenciesMs.push(ms));
  const result = await instance;
  return {
    requestsPerSecond: result.requests.total / result.duration,
    requests: result.requests.total,
    durationSeconds: result.duration,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, average: result.latency.average, max: result.latency.max },
    errors: result.errors,
    non2xx: result.non2xx,
    mismatches,
    latenciesMs,
    wrongAnswers: Object.fromEntries(wrong),
  };
}
