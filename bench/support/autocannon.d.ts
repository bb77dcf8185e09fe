// autocannon ships no types and @types/autocannon is not a dependency; this declares the part bench/ uses.
declare module 'autocannon' {
  interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  }

  interface Options {
    url: string;
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Seconds before a request counts as a timeout (and an error). */
    timeout?: number;
    /** Responses whose body differs are counted in `mismatches`. */
    expectBody?: string;
    /** Sent in turn by each connection; cannot be combined with `expectBody`. */
    requests?: RequestSpec[];
  }

  interface RequestSpec {
    method?: 'GET' | 'POST';
    body?: string;
    headers?: Record<string, string>;
    /** Called before each send; returns the request to send. `context` is per connection. */
    setupRequest?: (request: Record<string, unknown>, context: Record<string, unknown>) => Record<string, unknown>;
    /** Called with each response to this request, before the connection sends its next one. */
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  }

  interface Result {
    /** Seconds the run actually lasted. */
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    latency: Histogram & { totalCount: number };
    requests: Histogram & { sent: number };
    throughput: Histogram;
  }

  interface Instance extends PromiseLike<Result> {
    stop(): void;
    /** Every completed response; `responseTime` in ms. */
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
  }

  function autocannon(options: Options): Instance;
  export = autocannon;
}
