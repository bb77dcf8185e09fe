import { AppError } from '@academy/service-kit';
import type { Granularity } from './period';

const DAY_MS = 86_400_000;

/** The longest range per granularity: a year of days, two years of weeks, five years of months (≤ 366 periods). */
export const MAX_RANGE_DAYS: Record<Granularity, number> = { DAY: 366, WEEK: 731, MONTH: 1827 };

/** Refuses a reversed, empty, invalid or too long range with INVALID_ANALYTICS_RANGE. */
export function checkRange({ from, to }: { from: Date; to: Date }, granularity: Granularity): void {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new AppError('INVALID_ANALYTICS_RANGE', '`from` and `to` must be valid dates', { reason: 'INVALID_DATE' });
  if (to.getTime() <= from.getTime()) throw new AppError('INVALID_ANALYTICS_RANGE', '`to` must be after `from`', { reason: 'REVERSED' });
  const maxDays = MAX_RANGE_DAYS[granularity];
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) {
    throw new AppError('INVALID_ANALYTICS_RANGE', `A range by ${granularity.toLowerCase()} may span at most ${maxDays} days`, { reason: 'TOO_LONG', maxDays, granularity });
  }
}
