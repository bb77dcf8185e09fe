import { describe, expect, it } from 'vitest';
import { originMatcher } from './cors';
import { DEVELOPMENT_CORS_ORIGINS } from './environment';

describe('originMatcher', () => {
  const development = originMatcher(DEVELOPMENT_CORS_ORIGINS);

  it('allows Sandbox and any localhost origin in development', () => {
    for (const origin of ['https://studio.apollographql.com', 'http://localhost:3000', 'http://localhost', 'https://localhost:8443', 'http://127.0.0.1:5173', 'http://[::1]:4000']) {
      expect(development(origin), origin).toBe(true);
    }
  });

  it('refuses look-alikes', () => {
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'http://localhost:3000.evil.example', 'https://studio.apollographql.com.evil.example', 'null']) {
      expect(development(origin), origin).toBe(false);
    }
  });

  it('matches one subdomain label for *', () => {
    const match = originMatcher(['https://*.academy.mx']);
    expect(match('https://app.academy.mx')).toBe(true);
    expect(match('https://a.b.academy.mx')).toBe(false);
    expect(match('https://academy.mx')).toBe(false);
  });
});
