import { describe, expect, it } from 'vitest';
import { cacheHintOf } from './subgraph-data-source';

describe('cacheHintOf', () => {
  it('reads max-age and scope from a subgraph Cache-Control header', () => {
    expect(cacheHintOf('max-age=60, public')).toEqual({ maxAge: 60, scope: 'PUBLIC' });
    expect(cacheHintOf('private, max-age="30"')).toEqual({ maxAge: 30, scope: 'PRIVATE' });
  });

  it('makes a missing, unreadable or non-numeric header uncacheable (max-age 0)', () => {
    expect(cacheHintOf(null)).toEqual({ maxAge: 0 });
    expect(cacheHintOf('no-store')).toEqual({ maxAge: 0 });
    expect(cacheHintOf('max-age=soon, public')).toEqual({ maxAge: 0, scope: 'PUBLIC' });
    expect(cacheHintOf('max-age=-5')).toEqual({ maxAge: 0 });
  });
});
