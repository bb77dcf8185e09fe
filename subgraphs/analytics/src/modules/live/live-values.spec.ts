import { newEvent } from '@academy/event-bus';
import { describe, expect, it } from 'vitest';
import { PROGRESS_RECORDED } from './live-events';
import { liveCertificationOf, liveProgressOf } from './live-values';

const at = '2026-03-01T10:00:00.000Z';

describe('live values', () => {
  it('parses an event once and hands every caller the same frozen value', () => {
    let reads = 0;
    const payload = { id: 'p1', learnerId: 'ana', courseId: 'c1', standardCode: null, occurredAt: at, receivedAt: at };
    // Counts how often zod reads the payload: once per parse.
    Object.defineProperty(payload, 'percent', { enumerable: true, get: () => ++reads && 40 });
    const event = newEvent(PROGRESS_RECORDED, 't1', payload);
    const values = Array.from({ length: 5 }, () => liveProgressOf(event));
    expect(reads).toBe(1);
    expect(new Set(values).size).toBe(1);
    expect(values[0]).toEqual({ ...payload, percent: 40, occurredAt: new Date(at), receivedAt: new Date(at), tenantId: 't1' });
    expect(Object.isFrozen(values[0])).toBe(true);
    // Another event is another value, even with an equal payload.
    expect(liveProgressOf(newEvent(PROGRESS_RECORDED, 't1', { ...payload }))).not.toBe(values[0]);
  });

  it('skips malformed events, other types and events without a tenant', () => {
    expect(liveProgressOf(newEvent(PROGRESS_RECORDED, 't1', { id: 'p1' }))).toBeNull();
    expect(liveCertificationOf(newEvent(PROGRESS_RECORDED, 't1', {}))).toBeNull();
    expect(liveProgressOf(newEvent(PROGRESS_RECORDED, null, { id: 'p1', learnerId: 'ana', courseId: 'c1', standardCode: null, percent: 1, occurredAt: at, receivedAt: at }))).toBeNull();
  });
});
