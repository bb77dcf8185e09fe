import { describe, expect, it } from 'vitest';
import { DropOldestBuffer } from './drop-oldest-buffer';

describe('DropOldestBuffer', () => {
  it('keeps the newest values and reports each one dropped', () => {
    const dropped: number[] = [];
    const buffer = new DropOldestBuffer<number>(2, (value) => dropped.push(value));
    for (const value of [1, 2, 3, 4]) buffer.add(value);
    expect(dropped).toEqual([1, 2]);
    expect(buffer.full).toBe(false);
    expect([buffer.remove(), buffer.remove()]).toEqual([3, 4]);
    expect(buffer.empty).toBe(true);
    expect(() => buffer.remove()).toThrow('empty');
  });

  it('refuses a capacity that could hold nothing', () => {
    expect(() => new DropOldestBuffer(0)).toThrow(RangeError);
  });
});
