import { DEVELOPMENT_CLIENT_ID, DEVELOPMENT_CLIENT_SECRET } from '@academy/conocer-sandbox';
import { ConfigError } from '@academy/service-kit';
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_CONOCER, loadConocerEnvironment } from '../src';
import { usesDevelopmentCurpKeys } from '../src/environment';

const PIN_HEX = `${'AB:'.repeat(31)}AB`;
const PIN_BASE64 = Buffer.alloc(32, 7).toString('base64');
const KEY_1 = Buffer.alloc(32, 1).toString('base64');
const KEY_2 = Buffer.alloc(32, 2).toString('base64');

const problemsOf = (source: NodeJS.ProcessEnv): string[] => {
  try {
    loadConocerEnvironment(source);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('conocer environment', () => {
  it('talks to the sandbox with its development credentials when nothing is configured, outside production', () => {
    expect(loadConocerEnvironment({})).toMatchObject({
      CONOCER_API_URL: 'http://localhost:4010',
      CONOCER_CLIENT_ID: DEVELOPMENT_CLIENT_ID,
      CONOCER_CLIENT_SECRET: DEVELOPMENT_CLIENT_SECRET,
      STANDARDS_SYNC_SCHEDULE: '0 3 * * *',
      CONOCER_PINNED_CERT_SHA256: [],
    });
    expect(DEVELOPMENT_CONOCER).toMatchObject({ clientId: DEVELOPMENT_CLIENT_ID, clientSecret: DEVELOPMENT_CLIENT_SECRET });
  });

  it('requires the CONOCER API and credentials in production, reporting all problems at once', () => {
    expect(problemsOf({ NODE_ENV: 'production', STANDARDS_SYNC_SCHEDULE: 'every day', CONOCER_API_URL: 'ftp://conocer' })).toEqual([
      expect.stringMatching(/^CONOCER_API_URL:/),
      expect.stringMatching(/^STANDARDS_SYNC_SCHEDULE: must be a cron expression/),
      'CONOCER_CLIENT_ID: required in production',
      'CONOCER_CLIENT_SECRET: required in production',
      'CURP_ENCRYPTION_KEYS: required in production',
      'CURP_BLIND_INDEX_KEY: required in production',
    ]);
    const env = loadConocerEnvironment({
      NODE_ENV: 'production',
      CONOCER_API_URL: 'https://api.conocer.example',
      CONOCER_CLIENT_ID: 'academy',
      CONOCER_CLIENT_SECRET: 's'.repeat(32),
      CONOCER_PINNED_CERT_SHA256: ` ${PIN_HEX} , ${PIN_BASE64} `,
      STANDARDS_SYNC_SCHEDULE: 'off',
      CURP_ENCRYPTION_KEYS: `k1:${KEY_1}`,
      CURP_BLIND_INDEX_KEY: 'b'.repeat(32),
    });
    expect(env).toMatchObject({ CONOCER_PINNED_CERT_SHA256: [PIN_HEX, PIN_BASE64], STANDARDS_SYNC_SCHEDULE: 'off' });
    expect(problemsOf({ CONOCER_PINNED_CERT_SHA256: 'aa:bb' })).toEqual([expect.stringMatching(/^CONOCER_PINNED_CERT_SHA256: each pin/)]);
  });

  it('reads the CURP key ring: rotation keeps old keys readable, the current one is named or the first, bad keys are refused', () => {
    const env = loadConocerEnvironment({ CURP_ENCRYPTION_KEYS: `k1:${KEY_1}, k2:${KEY_2}`, CURP_ENCRYPTION_KEY_ID: 'k2', CURP_BLIND_INDEX_KEY: 'b'.repeat(32) });
    expect([...env.CURP_ENCRYPTION_KEYS.keys()]).toEqual(['k1', 'k2']);
    expect(env.CURP_ENCRYPTION_KEY_ID).toBe('k2');
    expect(usesDevelopmentCurpKeys(env)).toBe(false);
    expect(loadConocerEnvironment({ CURP_ENCRYPTION_KEYS: `k1:${KEY_1},k2:${KEY_2}` }).CURP_ENCRYPTION_KEY_ID).toBe('k1');
    expect(usesDevelopmentCurpKeys(loadConocerEnvironment({}))).toBe(true);
    expect(problemsOf({ CURP_ENCRYPTION_KEYS: `k1:${KEY_1}`, CURP_ENCRYPTION_KEY_ID: 'k9' })).toEqual(['CURP_ENCRYPTION_KEY_ID: must name a key of CURP_ENCRYPTION_KEYS']);
    expect(problemsOf({ CURP_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' })).toEqual([expect.stringMatching(/^CURP_ENCRYPTION_KEYS: expected unique `kid:base64` pairs/)]);
    expect(problemsOf({ CURP_ENCRYPTION_KEYS: `k1:${KEY_1},k1:${KEY_2}` })).toEqual([expect.stringMatching(/^CURP_ENCRYPTION_KEYS:/)]);
    expect(problemsOf({ CURP_BLIND_INDEX_KEY: 'short' })).toEqual([expect.stringMatching(/^CURP_BLIND_INDEX_KEY:/)]);
  });
});
