import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SelfSigned {
  cert: string;
  key: string;
  /** SHA-256 of the certificate, `AB:CD:…` as Node prints it. */
  fingerprint256: string;
}

/** A throwaway self-signed certificate for 127.0.0.1/localhost, made with the openssl CLI. */
export function selfSigned(name = 'conocer-sandbox-test'): SelfSigned {
  const dir = mkdtempSync(join(tmpdir(), 'conocer-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', 'key.pem', '-out', 'cert.pem'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    return { cert, key: readFileSync(join(dir, 'key.pem'), 'utf8'), fingerprint256: new X509Certificate(cert).fingerprint256 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
