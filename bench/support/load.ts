import autocannon from 'autocannon';

/** Limits that keep a mistyped argument from turning a benchmark into a long or heavy load test. */
export const LOAD_LIMITS = { maxDurationSeconds: 120, maxConnections: 500 } as const;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface LoadOptions {
  url: string;
  /** A GraphQL request body (JSON); sent as a POST. */
  body: string;
  /** Entries whose value is undefined are left out, so optional headers can be spread in. */
  headers?: Record<string, string | undefined>;
  /** Seconds. */
  duration: number;
  connections: number;
  /** Responses with another body count as mismatches, so a fast error path cannot pass for throughput. */
  expectBody?: string;
  /** Keep every response's latency (for exact percentiles over several runs). @default false */
  recordLatencies?: boolean;
}

export interface LoadResult {
  /** Completed responses per second over the whole run. */
  requestsPerSecond: number;
  /** Completed responses (any status). */
  requests: number;
  durationSeconds: number;
  latencyMs: { p50: number; p99: number; average: number; max: number };
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  mismatches: number;
  /** Every response's latency, ms, when `recordLatencies` was set. */
  latenciesMs?: number[];
}

/** Refuses anything but loopback targets and out-of-range settings, then runs autocannon once. */
export async function runLoad({ url, body, headers = {}, duration, connections, expectBody, recordLatencies = false }: LoadOptions): Promise<LoadResult> {
  const { hostname, protocol } = new URL(url);
  if (protocol !== 'http:' || !LOOPBACK.has(hostname)) throw new Error(`refusing to load ${url}: benchmarks only target http on loopback`);
  if (!(duration > 0 && duration <= LOAD_LIMITS.maxDurationSeconds)) throw new Error(`duration must be in (0, ${LOAD_LIMITS.maxDurationSeconds}] s, got ${duration}`);
  if (!(Number.isInteger(connections) && connections >= 1 && connections <= LOAD_LIMITS.maxConnections)) {
    throw new Error(`connections must be an integer in [1, ${LOAD_LIMITS.maxConnections}], got ${connections}`);
  }
  const instance = autocannon({
    url,
    method: 'POST',
    headers: Object.fromEntries(Object.entries({ 'content-type': 'application/json', ...headers }).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    body,
    duration,
    connections,
    timeout: 10,
    expectBody,
  });
  const latenciesMs: number[] | undefined = recordLatencies ? [] : undefined;
  if (latenciesMs) instance.on('response', (_client, _status, _bytes, ms) => latenciesMs.push(ms));
  const result = await instance;
  return {
    requestsPerSecond: result.requests.total / result.duration,
    requests: result.requests.total,
    durationSeconds: result.duration,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, average: result.latency.average, max: result.latency.max },
    errors: result.errors,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
    latenciesMs,
  };
}
