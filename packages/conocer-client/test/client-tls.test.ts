import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createConocerSandbox } from '@academy/conocer-sandbox';
import { createLogger } from '@academy/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConocerError, createConocerClient } from '../src';
import { CREDENTIALS } from './support/sandbox';
import { type SelfSigned, selfSigned } from './support/self-signed';

describe('ConocerClient over https', () => {
  let certificate: SelfSigned;
  let other: SelfSigned;
  let sandbox: ReturnType<typeof createConocerSandbox>;
  let url: string;
  beforeAll(async () => {
    certificate = selfSigned();
    other = selfSigned('someone-else');
    sandbox = createConocerSandbox({ ...CREDENTIALS, logger: createLogger({ level: 'silent' }), tls: { cert: certificate.cert, key: certificate.key } });
    url = await sandbox.listen(0);
  });
  afterAll(() => sandbox?.close());

  const client = (options: { pins?: string[]; ca?: string[] }) =>
    createConocerClient({ baseUrl: url, ...CREDENTIALS, pinnedCertificateSha256: options.pins, caCertificates: options.ca, maxAttempts: 3 });

  it('talks to a server whose certificate matches a pin, in any of the accepted spellings', async () => {
    const hex = certificate.fingerprint256.replace(/:/g, '');
    for (const pin of [certificate.fingerprint256, hex.toLowerCase(), Buffer.from(hex, 'hex').toString('base64')]) {
      const c = client({ pins: [other.fingerprint256, pin], ca: [certificate.cert] });
      expect(url).toMatch(/^https:/);
      expect((await c.listStandards({ pageSize: 1 })).total).toBe(1477);
      c.close();
    }
  });

  it('refuses a server whose certificate matches no pin, without retrying', async () => {
    const calls: string[] = [];
    const c = createConocerClient({ baseUrl: url, ...CREDENTIALS, pinnedCertificateSha256: [other.fingerprint256], caCertificates: [certificate.cert], audit: (r) => calls.push(r.operation) });
    const error = await c.listStandards().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConocerError);
    expect(error).toMatchObject({ kind: 'auth', retryable: false, code: 'CERTIFICATE_PIN_MISMATCH' });
    expect(calls).toEqual(['token']);
    c.close();
  });

  it('refuses a certificate nobody vouches for, pin or not', async () => {
    const c = client({ pins: [certificate.fingerprint256] });
    await expect(c.listStandards()).rejects.toMatchObject({ kind: 'auth', code: 'TLS_FAILURE' });
    c.close();
  });

  it('refuses servers that offer less than TLS 1.3', async () => {
    const legacy = createServer({ cert: certificate.cert, key: certificate.key, maxVersion: 'TLSv1.2' }, (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => legacy.listen(0, '127.0.0.1', resolve));
    try {
      const c = createConocerClient({ baseUrl: `https://127.0.0.1:${(legacy.address() as AddressInfo).port}`, ...CREDENTIALS, caCertificates: [certificate.cert] });
      await expect(c.listStandards()).rejects.toMatchObject({ kind: 'auth', code: 'TLS_FAILURE', message: expect.stringMatching(/protocol|version/i) });
      c.close();
    } finally {
      legacy.closeAllConnections();
      await new Promise((resolve) => legacy.close(resolve));
    }
  });

  it('refuses pins on plain http and malformed pins, at construction', () => {
    expect(() => createConocerClient({ baseUrl: 'http://127.0.0.1:4010', ...CREDENTIALS, pinnedCertificateSha256: [certificate.fingerprint256] })).toThrow(/https/);
    expect(() => createConocerClient({ baseUrl: url, ...CREDENTIALS, pinnedCertificateSha256: ['abc'] })).toThrow(ConocerError);
    expect(() => createConocerClient({ baseUrl: 'ftp://example', ...CREDENTIALS })).toThrow(/http/);
  });
});
