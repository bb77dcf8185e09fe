import { ConfigError } from '@academy/service-kit';
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_API_KEY_SIGNING_KEY, loadTenancyEnvironment, tenancyEnvironmentSchema, usesDevelopmentSigningKey } from './environment';

function problemsOf(source: NodeJS.ProcessEnv): string[] {
  try {
    loadTenancyEnvironment(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('tenancy environment', () => {
  it('uses the public development signing key outside production, and says so', () => {
    const env = loadTenancyEnvironment({ NODE_ENV: 'development' });
    expect(env.API_KEY_SIGNING_KEY).toBe(DEVELOPMENT_API_KEY_SIGNING_KEY);
    expect(usesDevelopmentSigningKey(env)).toBe(true);
    expect(usesDevelopmentSigningKey(loadTenancyEnvironment({ API_KEY_SIGNING_KEY: 'x'.repeat(32) }))).toBe(false);
  });

  it('requires a signing key of at least 32 characters in production, reporting every problem at once', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'nope' });
    expect(problems.some((p) => p.startsWith('API_KEY_SIGNING_KEY: required in production'))).toBe(true);
    expect(problems.some((p) => p.startsWith('PORT'))).toBe(true);
    expect(problemsOf({ NODE_ENV: 'production', API_KEY_SIGNING_KEY: 'short' }).join()).toMatch(/API_KEY_SIGNING_KEY/);
    expect(problemsOf({ NODE_ENV: 'production', API_KEY_SIGNING_KEY: 'k'.repeat(32) })).toEqual([]);
  });

  it('lists the variable in the schema, so the README reference shows it', () => {
    expect(Object.keys(tenancyEnvironmentSchema.shape)).toContain('API_KEY_SIGNING_KEY');
  });
});
