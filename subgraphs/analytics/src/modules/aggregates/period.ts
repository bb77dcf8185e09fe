/** The periods aggregates are computed for, all in UTC; weeks start on Monday (ISO 8601). */
export const GRANULARITIES = ['DAY', 'WEEK', 'MONTH'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const DAY_MS = 86_400_000;

/** The start of the period of `granularity` that contains `at`. */
export function periodStart(at: Date, granularity: Granularity): Date {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  if (granularity === 'DAY') return new Date(day);
  if (granularity === 'MONTH') return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  // getUTCDay: Sunday 0 … Saturday 6; Monday-based offset.
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY_MS);
}

/** The start of the period after the one starting at `start`. */
export function nextPeriod(start: Date, granularity: Granularity): Date {
  if (granularity === 'DAY') return new Date(start.getTime() + DAY_MS);
  if (granularity === 'WEEK') return new Date(start.getTime() + 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/** The starts of the periods overlapping [from, to), in order. */
export function periodsBetween(from: Date, to: Date, granularity: Granularity): Date[] {
  const starts: Date[] = [];
  for (let start = periodStart(from, granularity); start < to; start = nextPeriod(start, granularity)) starts.push(start);
  return starts;
}

/** The period of each granularity that contains `at`. */
export function periodsContaining(at: Date): { granularity: Granularity; start: Date }[] {
  return GRANULARITIES.map((granularity) => ({ granularity, start: periodStart(at, granularity) }));
}
