import { ConfigError } from '@academy/service-kit';
import { describe, expect, it } from 'vitest';
import { subgraphEnvironmentSchema } from './subgraph-environment';
import { subgraphTlsOf } from './subgraph-runtime';

const parse = (source: Record<string, string>) => subgraphEnvironmentSchema('svc', 4100).parse(source);
const CERT = '-----BEGIN CERTIFICATE-----\\nabc\\n-----END CERTIFICATE-----';
const KEY = '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----';

describe('subgraph TLS settings', () => {
  it('serves plain HTTP without TLS_CERT, HTTPS with it, and asks for client certificates with TLS_CLIENT_CA', () => {
    expect(subgraphTlsOf('svc', parse({}))).toBeUndefined();
    expect(subgraphTlsOf('svc', parse({ TLS_CERT: CERT, TLS_KEY: KEY }))).toEqual({ cert: CERT.replace(/\\n/g, '\n'), key: KEY.replace(/\\n/g, '\n'), clientCa: undefined });
    expect(subgraphTlsOf('svc', parse({ TLS_CERT: CERT, TLS_KEY: KEY, TLS_CLIENT_CA: CERT }))?.clientCa).toContain('BEGIN CERTIFICATE');
  });

  it('refuses half a configuration', () => {
    expect(() => subgraphTlsOf('svc', parse({ TLS_CERT: CERT }))).toThrow(ConfigError);
    expect(() => subgraphTlsOf('svc', parse({ TLS_CLIENT_CA: CERT }))).toThrow(/TLS_CLIENT_CA/);
    expect(() => parse({ TLS_CERT: 'not a pem' })).toThrow();
  });
});
