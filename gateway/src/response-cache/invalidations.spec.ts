import { describe, expect, it } from 'vitest';
import { Invalidations } from './invalidations';

describe('Invalidations', () => {
  const later = () => Date.now() + 1;

  it('makes an entry stale when one of its types was invalidated for its tenant after it was stored', () => {
    const invalidations = new Invalidations();
    const storedAt = later();
    invalidations.invalidate('t1', ['Sector'], storedAt + 1);
    expect(invalidations.isStale('t1', ['CompetencyStandard', 'Sector'], storedAt)).toBe(true);
    expect(invalidations.isStale('t1', ['CompetencyStandard'], storedAt)).toBe(false);
    expect(invalidations.isStale('t2', ['Sector'], storedAt)).toBe(false);
  });

  it('applies platform-wide events (no tenant) to every tenant', () => {
    const invalidations = new Invalidations();
    const storedAt = later();
    invalidations.invalidate(null, ['CompetencyStandard'], storedAt + 1);
    expect(invalidations.isStale('t1', ['CompetencyStandard'], storedAt)).toBe(true);
    expect(invalidations.isStale('t2', ['CompetencyStandard'], storedAt)).toBe(true);
  });

  it('keeps entries stored after the invalidation', () => {
    const invalidations = new Invalidations();
    const at = later();
    invalidations.invalidate('t1', ['Sector'], at);
    expect(invalidations.isStale('t1', ['Sector'], at + 1)).toBe(false);
  });

  it('serves nothing stored before it started listening', () => {
    expect(new Invalidations().isStale('t1', ['Sector'], Date.now() - 60_000)).toBe(true);
  });
});
