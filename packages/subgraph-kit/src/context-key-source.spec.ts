import { contextAudienceKey, createContextTokenMacSigner, createContextTokenVerifier } from '@academy/service-kit';
import { describe, expect, it } from 'vitest';
import { subgraphEnvironmentSchema } from './subgraph-environment';
import { contextKeySourceOf } from './subgraph-runtime';

const parse = (source: Record<string, string>) => subgraphEnvironmentSchema('conocer', 4100).parse(source);
const PUBLIC = '-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----';

describe('where a subgraph finds what verifies its context tokens', () => {
  it('takes its own HS256 key first, then the gateway public key, then the JWKS URL', () => {
    const key = contextAudienceKey('gateway-context-secret-0123456789abcdef', 'conocer').toString('base64url');
    expect(contextKeySourceOf(parse({ CONTEXT_TOKEN_KEY: key, CONTEXT_TOKEN_PUBLIC_KEY: PUBLIC }))).toEqual({ audienceKey: Buffer.from(key, 'base64url') });
    expect(contextKeySourceOf(parse({ CONTEXT_TOKEN_PUBLIC_KEY: PUBLIC }))).toEqual({ publicPem: PUBLIC });
    expect(contextKeySourceOf(parse({}))).toEqual({ jwksUrl: 'http://localhost:4000/.well-known/jwks.json' });
  });

  it('verifies the gateway tokens with the key `npm run context-key` prints', async () => {
    const secret = 'gateway-context-secret-0123456789abcdef';
    const printed = contextAudienceKey(secret, 'conocer').toString('base64url');
    const verifier = await createContextTokenVerifier(contextKeySourceOf(parse({ CONTEXT_TOKEN_KEY: printed })), 'conocer');
    const principal = { tenantId: 't-1', plan: null, subject: 'ana', roles: [], scopes: [], authMethod: 'jwt' as const, requestId: 'r-1', flags: [] };
    await expect(verifier.verify(await createContextTokenMacSigner(secret).sign(principal, 'conocer'))).resolves.toMatchObject({ subject: 'ana' });
  });

  it('refuses a CONTEXT_TOKEN_KEY that is not a 32-byte base64url key', () => {
    expect(() => parse({ CONTEXT_TOKEN_KEY: 'too-short' })).toThrow(/context-key/);
    expect(() => parse({ CONTEXT_TOKEN_KEY: `${'a'.repeat(42)}=` })).toThrow();
  });
});
