import { describe, expect, it } from 'vitest';
import { isHeaderValue, unforwardableReason, unsettableReason } from './header-rules';

describe('header rules', () => {
  it('never forwards credentials, hop-by-hop headers or the gateway’s own', () => {
    for (const name of ['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'x-academy-context', 'x-academy-anything', 'connection', 'host', 'content-length']) {
      expect(unforwardableReason(name), name).toMatch(/never forwarded/);
    }
    expect(unforwardableReason('Accept-Language')).toMatch(/lowercase header name/);
    expect(unforwardableReason('accept-language')).toBeNull();
    expect(unforwardableReason('x-locale')).toBeNull();
  });

  it('lets tenants set only x- headers that are neither security nor gateway-owned', () => {
    expect(unsettableReason('x-tenant-region')).toBeNull();
    expect(unsettableReason('content-security-policy')).toMatch(/only x- headers/);
    expect(unsettableReason('set-cookie')).toMatch(/only x- headers/);
    for (const name of ['x-frame-options', 'x-content-type-options', 'x-request-id', 'x-cache', 'x-forwarded-for', 'x-academy-context']) {
      expect(unsettableReason(name), name).toMatch(/security or gateway-owned/);
    }
    expect(unsettableReason('x bad')).toMatch(/lowercase header name/);
  });

  it('refuses values that could split a header', () => {
    expect(isHeaderValue('mx-1')).toBe(true);
    expect(isHeaderValue('a\r\nset-cookie: x=1')).toBe(false);
    expect(isHeaderValue('x'.repeat(257))).toBe(false);
  });
});
