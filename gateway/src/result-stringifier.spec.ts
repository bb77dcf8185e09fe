import { describe, expect, it, vi } from 'vitest';
import { createResultStringifier } from './result-stringifier';

describe('createResultStringifier', () => {
  it('writes exactly what JSON.stringify does, with a newline, for every shape Apollo Server passes', () => {
    const stringify = createResultStringifier();
    const shapes = [
      { errors: undefined, data: { a: 1, b: [{ c: 'é"\n' }, null] }, extensions: undefined },
      { errors: [{ message: 'boom', path: ['a'], extensions: { code: 'X' } }], data: { a: null }, extensions: { cost: { requestedQueryCost: 3 } } },
      { errors: [{ message: 'refused' }], data: undefined, extensions: undefined },
      { errors: [{ message: 'no data' }], data: null, extensions: undefined },
      { data: {}, extensions: {} },
    ];
    for (const shape of shapes) expect(stringify(shape as never)).toBe(`${JSON.stringify(shape)}\n`);
  });

  it('stringifies a shared data object once, keeping each response its own other members', () => {
    const stringify = createResultStringifier();
    const data = { users: Array.from({ length: 50 }, (_, i) => ({ id: `u${i}` })) };
    const spy = vi.spyOn(JSON, 'stringify');
    try {
      const first = stringify({ data, extensions: { cost: { actualQueryCost: 1 } } });
      const second = stringify({ data, extensions: { cost: { actualQueryCost: 2 } } });
      expect(first).toBe(`${JSON.stringify({ data, extensions: { cost: { actualQueryCost: 1 } } })}\n`);
      expect(second).toBe(`${JSON.stringify({ data, extensions: { cost: { actualQueryCost: 2 } } })}\n`);
      // The expectations' own JSON.stringify calls pass other (wrapping) objects, so only the stringifier's count here.
      expect(spy.mock.calls.filter(([value]) => value === data)).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });
});
