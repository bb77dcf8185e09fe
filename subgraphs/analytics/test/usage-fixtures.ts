import type { ApiOperationRecord } from '../src';

export interface UsageDay {
  day: string;
  operationName: string | null;
  requests: number;
  errors: number;
  rejected: number;
  totalEstimatedCost: number;
  totalActualCost: number | null;
  averageLatencyMs: number;
  p95LatencyMs: number;
}

const OPERATIONS = ['TenantOverview', 'Standards', null] as const;
const START = Date.UTC(2026, 0, 10);

/**
 * 120 operations of one tenant over 10–11 January 2026 (UTC), about twenty per day and operation, so
 * the p95 is not simply the maximum. Latencies are multiples of 0.25 and costs integers: sums are
 * exact in floating point, so SQL and the computation below agree to the last bit. Four records sit
 * on the edges: the last millisecond of a day, the first of the next, and just outside January.
 */
export function usageRecords(tenantId: string): ApiOperationRecord[] {
  return Array.from({ length: 120 }, (_, i) => {
    const status = i % 7 === 0 ? 'rejected' : i % 5 === 0 ? 'error' : 'ok';
    const estimatedCost = 10 + ((i * 7) % 23);
    const edges: Record<number, string> = {
      0: '2026-01-10T23:59:59.999Z',
      1: '2026-01-11T00:00:00.000Z',
      2: '2025-12-31T23:59:59.999Z',
      3: '2026-02-01T00:00:00.000Z',
    };
    return {
      tenantId,
      principalKind: i % 4 === 0 ? 'api_key' : 'user',
      principalId: `principal-${i % 6}`,
      operationName: OPERATIONS[i % 3]!,
      operationType: i % 9 === 0 ? 'mutation' : 'query',
      estimatedCost,
      actualCost: status === 'rejected' ? null : estimatedCost - (i % 4),
      status,
      rejectionCode: status === 'rejected' ? 'THROTTLED' : null,
      latencyMs: ((i * 37) % 101) + 0.25 * (i % 4),
      at: edges[i] ?? new Date(START + i * 23 * 60_000).toISOString(),
    };
  });
}

/** What `apiUsage` must answer, computed here independently of the SQL. */
export function expectedUsage(records: ApiOperationRecord[], { from, to, operationName }: { from: string; to: string; operationName?: string }): UsageDay[] {
  const groups = new Map<string, ApiOperationRecord[]>();
  for (const record of records) {
    const at = Date.parse(record.at);
    if (at < Date.parse(from) || at >= Date.parse(to)) continue;
    if (operationName !== undefined && record.operationName !== operationName) continue;
    const key = JSON.stringify([record.at.slice(0, 10), record.operationName ?? null]);
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  const days = [...groups].map(([key, rows]): UsageDay => {
    const [day, name] = JSON.parse(key) as [string, string | null];
    const latencies = rows.map((r) => r.latencyMs).sort((a, b) => a - b);
    const actual = rows.filter((r) => r.actualCost != null);
    return {
      day,
      operationName: name,
      requests: rows.length,
      errors: rows.filter((r) => r.status === 'error').length,
      rejected: rows.filter((r) => r.status === 'rejected').length,
      totalEstimatedCost: rows.reduce((sum, r) => sum + r.estimatedCost, 0),
      totalActualCost: actual.length ? actual.reduce((sum, r) => sum + r.actualCost!, 0) : null,
      averageLatencyMs: latencies.reduce((sum, l) => sum + l, 0) / rows.length,
      // Nearest rank: the ⌈0.95·n⌉-th smallest.
      p95LatencyMs: latencies[Math.ceil((95 * rows.length) / 100) - 1]!,
    };
  });
  const order = (name: string | null) => name ?? '\uffff';
  return days.sort((a, b) => a.day.localeCompare(b.day) || order(a.operationName).localeCompare(order(b.operationName)));
}
