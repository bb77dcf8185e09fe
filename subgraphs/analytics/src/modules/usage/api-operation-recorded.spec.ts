import { newEvent } from '@academy/event-bus';
import { describe, expect, it } from 'vitest';
import { type ApiOperationRecord, apiRequestId, apiRequestRowsOf, MAX_RECORDS_PER_EVENT } from './api-operation-recorded.event';

const TENANT = 'tenant-a';
const record = (overrides: Partial<ApiOperationRecord> = {}): ApiOperationRecord => ({
  tenantId: TENANT,
  principalKind: 'user',
  principalId: 'user-1',
  operationName: 'TenantOverview',
  operationType: 'query',
  estimatedCost: 12,
  actualCost: 9,
  status: 'ok',
  rejectionCode: null,
  latencyMs: 14.5,
  at: '2026-01-10T12:00:00.000Z',
  ...overrides,
});
const event = (payload: unknown, tenantId: string | null = TENANT) => newEvent('api.operation.recorded', tenantId, payload);
const problemsOf = (payload: unknown, tenantId?: string | null) => {
  const result = apiRequestRowsOf(event(payload, tenantId));
  return 'problems' in result ? result.problems : [];
};

describe('api.operation.recorded payloads', () => {
  it('reads a single record and a batch, with ids stable per event and position', () => {
    const single = event(record());
    const rows = apiRequestRowsOf(single);
    expect(rows).toEqual({ rows: [{ ...record(), id: apiRequestId(single.id, 0), at: new Date('2026-01-10T12:00:00.000Z') }] });
    const batch = event({ records: [record(), record({ status: 'rejected', rejectionCode: 'THROTTLED', actualCost: null })] });
    const stored = apiRequestRowsOf(batch);
    expect('rows' in stored && stored.rows.map((row) => row.id)).toEqual([apiRequestId(batch.id, 0), apiRequestId(batch.id, 1)]);
    expect(apiRequestRowsOf(batch)).toEqual(stored);
  });

  it('makes ids that are uuids PostgreSQL accepts, distinct per position', () => {
    const ids = new Set(Array.from({ length: 100 }, (_, index) => apiRequestId('event-1', index)));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('takes missing optional fields as null and cuts overlong operation names', () => {
    const { principalId: _p, actualCost: _a, rejectionCode: _r, ...required } = record();
    const rows = apiRequestRowsOf(event({ ...required, principalKind: 'anonymous', operationName: 'x'.repeat(300) }));
    expect('rows' in rows && rows.rows[0]).toMatchObject({ principalId: null, actualCost: null, rejectionCode: null, operationName: 'x'.repeat(200) });
  });

  it('names every problem of a malformed record, with its path', () => {
    expect(problemsOf({ ...record(), status: 'fine', latencyMs: -1, at: 'yesterday' })).toEqual([
      expect.stringMatching(/^payload\.status: /),
      expect.stringMatching(/^payload\.latencyMs: /),
      expect.stringMatching(/^payload\.at: /),
    ]);
    expect(problemsOf({ records: [record(), record({ estimatedCost: Number.NaN })] })).toEqual([expect.stringMatching(/^payload\.records\.1\.estimatedCost: /)]);
    expect(problemsOf(null).length).toBeGreaterThan(0);
    expect(problemsOf('not an object').length).toBeGreaterThan(0);
  });

  it('refuses records of another tenant than the event names, and oversized batches', () => {
    expect(problemsOf({ records: [record(), record({ tenantId: 'tenant-b' })] })).toEqual(["payload.records.1.tenantId: differs from the event's tenantId"]);
    // A batch across tenants leaves the event's tenant null.
    expect(problemsOf({ records: [record(), record({ tenantId: 'tenant-b' })] }, null)).toEqual([]);
    expect(problemsOf({ records: Array.from({ length: MAX_RECORDS_PER_EVENT + 1 }, () => record()) })).toEqual([expect.stringMatching(/^payload\.records: /)]);
  });
});
