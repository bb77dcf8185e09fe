import { AppError, type Principal } from '@academy/service-kit';
import type { ApiRequestRepository, DailyUsageRow } from './api-request.repository';
import type { ApiUsageDay } from './api-usage-day.type';

/** About a quarter: enough for monthly and quarterly reports, bounded for the scan behind them. */
export const MAX_USAGE_RANGE_DAYS = 92;
const DAY_MS = 86_400_000;

export interface ApiUsageQuery {
  from: Date;
  to: Date;
  operationName?: string | null;
}

const dayOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Days in order; within a day, operation names in order with the anonymous ones last. */
function byDayAndOperation(a: DailyUsageRow, b: DailyUsageRow): number {
  if (a.day !== b.day) return a.day - b.day;
  if (a.operationName === b.operationName) return 0;
  if (a.operationName === null) return 1;
  if (b.operationName === null) return -1;
  return a.operationName < b.operationName ? -1 : 1;
}

/**
 * Usage reports. Isolation is the tenant filter's (`@TenantScoped()`): a tenant admin's EntityManager
 * sees its own tenant only. Naming the caller's tenant as well makes a platform admin acting inside a
 * tenant see that tenant; a platform admin without one sees every tenant's operations together.
 */
export class ApiUsageService {
  constructor(
    private readonly repository: ApiRequestRepository,
    private readonly principal: Principal,
  ) {}

  async daily({ from, to, operationName }: ApiUsageQuery): Promise<ApiUsageDay[]> {
    if (!(to.getTime() > from.getTime())) throw new AppError('BAD_USER_INPUT', '`to` must be after `from`', { argument: 'to' });
    if (to.getTime() - from.getTime() > MAX_USAGE_RANGE_DAYS * DAY_MS) {
      throw new AppError('BAD_USER_INPUT', `The range may span at most ${MAX_USAGE_RANGE_DAYS} days`, { argument: 'to', maxDays: MAX_USAGE_RANGE_DAYS });
    }
    const rows = await this.repository.daily({ from, to, operationName, tenantId: this.principal.tenantId });
    return rows.sort(byDayAndOperation).map(({ day, ...usage }) => ({ ...usage, day: dayOf(day) }));
  }
}
