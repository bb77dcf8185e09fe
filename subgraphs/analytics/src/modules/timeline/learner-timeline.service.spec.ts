import { describe, expect, it } from 'vitest';
import { pageOf } from './learner-timeline.service';
import type { LearnerTimelineEntry } from './learner-timeline.type';

const entry = (id: string, minute: number) => ({ id, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, minute)) }) as LearnerTimelineEntry;
const ids = (entries: LearnerTimelineEntry[]) => entries.map((e) => e.id);

describe('pageOf', () => {
  it('returns `first` entries when the next one happened at another instant, and all there are at the end', () => {
    expect(ids(pageOf([entry('a', 9), entry('b', 8), entry('c', 7)], 2))).toEqual(['a', 'b']);
    expect(ids(pageOf([entry('a', 9), entry('b', 8)], 2))).toEqual(['a', 'b']);
    expect(pageOf([], 2)).toEqual([]);
  });

  it('leaves an instant the page would split to the next page', () => {
    expect(ids(pageOf([entry('a', 9), entry('b', 8), entry('c', 8), entry('d', 7)], 2))).toEqual(['a']);
    expect(ids(pageOf([entry('a', 9), entry('b', 9), entry('c', 8), entry('d', 8)], 3))).toEqual(['a', 'b']);
  });

  it('cuts inside an instant only when more than `first` entries share it', () => {
    expect(ids(pageOf([entry('a', 8), entry('b', 8), entry('c', 8)], 2))).toEqual(['a', 'b']);
  });
});
