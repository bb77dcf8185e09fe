/** One request of a load run, as the client saw it. */
export interface Outcome {
  /** Index into the `urls` the run was given. */
  target: number;
  /** HTTP status; 0 when no response arrived (aborted or a transport error). */
  status: number;
  code: string | undefined;
  hasData: boolean;
  /** `extensions.cost` of an answered operation (absent when the tenant turned it off). */
  requestedCost: number | undefined;
  actualCost: number | null | undefined;
  retryAfter: string | null;
  /** No answer within `abortAfterMs`: the client gave up, i.e. the request hung. */
  aborted: boolean;
  transportError: string | undefined;
  /** Epoch milliseconds (sub-millisecond, comparable across processes) when sent and when answered or failed. */
  sentAt: number;
  doneAt: number;
}

export interface LoadOptions {
  /** GraphQL endpoints; clients are spread over them round-robin. */
  urls: string[];
  headers: Record<string, string>;
  query: string;
  /** Concurrent clients, each sending its next request as soon as the previous one is answered. */
  clients: number;
  /** Clients stop sending after this long; requests in flight are still awaited. */
  durationMs: number;
  /** A request without an answer after this long is aborted and reported as `aborted`. @default 20_000 */
  abortAfterMs?: number;
}

/** Epoch milliseconds with `performance.now()`'s resolution, comparable between processes on one machine. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/** One GraphQL POST; never rejects: a missing answer is an outcome too. */
export async function send(url: string, headers: Record<string, string>, query: string, { target = 0, abortAfterMs = 20_000 } = {}): Promise<Outcome> {
  const body = JSON.stringify({ query });
  const sentAt = epochNow();
  const base = { target, sentAt, aborted: false, transportError: undefined, code: undefined, hasData: false, requestedCost: undefined, actualCost: undefined, retryAfter: null };
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(abortAfterMs) });
    const json = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[]; extensions?: { cost?: { requestedQueryCost: number; actualQueryCost: number | null } } };
    return {
      ...base,
      status: response.status,
      code: json.errors?.[0]?.extensions?.code,
      hasData: json.data !== undefined && json.data !== null,
      requestedCost: json.extensions?.cost?.requestedQueryCost,
      actualCost: json.extensions?.cost?.actualQueryCost,
      retryAfter: response.headers.get('retry-after'),
      doneAt: epochNow(),
    };
  } catch (error) {
    const aborted = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { ...base, status: 0, aborted, transportError: aborted ? undefined : String(error), doneAt: epochNow() };
  }
}

/** Closed-loop load: `clients` loops of request → answer → next request, for `durationMs`. */
export async function runLoad({ urls, headers, query, clients, durationMs, abortAfterMs = 20_000 }: LoadOptions): Promise<Outcome[]> {
  const stopAt = performance.now() + durationMs;
  const outcomes: Outcome[] = [];
  const client = async (index: number) => {
    const target = index % urls.length;
    while (performance.now() < stopAt) outcomes.push(await send(urls[target]!, headers, query, { target, abortAfterMs }));
  };
  await Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
  return outcomes;
}

/** Sum of the actual cost of the admitted operations: what stays debited from the bucket after the refunds. */
export function admittedCost(outcomes: readonly Outcome[]): number {
  return outcomes.filter((o) => o.status === 200).reduce((sum, o) => sum + (o.actualCost ?? 0), 0);
}

/** Outcomes that are neither an answered operation nor the expected refusal: a table for a readable failure. */
export function unexpected(outcomes: readonly Outcome[], allowed: (o: Outcome) => boolean) {
  return outcomes.filter((o) => !allowed(o)).map(({ target, status, code, aborted, transportError }) => ({ target, status, code, aborted, transportError }));
}

/** Seconds from the first request sent to the last answer: a window that holds every decision of the run. */
export function spanSeconds(outcomes: readonly Outcome[]): number {
  if (outcomes.length === 0) return 0;
  return (Math.max(...outcomes.map((o) => o.doneAt)) - Math.min(...outcomes.map((o) => o.sentAt))) / 1000;
}
