import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Certificates {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A client certificate from another CA, which the subgraphs must refuse. */
  strangerCert: string;
  strangerKey: string;
}

/** A throwaway PKI made with the openssl CLI: a CA, a server certificate for 127.0.0.1/localhost, client certificates. */
export function createCertificates(): Certificates {
  const dir = mkdtempSync(join(tmpdir(), 'academy-mtls-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  try {
    const ca = (name: string) => openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.crt`);
    const issue = (name: string, issuer: string, extensions: string) => {
      writeFileSync(join(dir, `${name}.ext`), extensions);
      openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.csr`);
      openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${issuer}.crt`, '-CAkey', `${issuer}.key`, '-CAcreateserial', '-days', '1', '-extfile', `${name}.ext`, '-out', `${name}.crt`);
    };
    ca('academy-test-ca');
    ca('stranger-ca');
    issue('subgraph', 'academy-test-ca', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
    issue('gateway', 'academy-test-ca', 'extendedKeyUsage=clientAuth\n');
    issue('stranger', 'stranger-ca', 'extendedKeyUsage=clientAuth\n');
    return {
      ca: read('academy-test-ca.crt'),
      serverCert: read('subgraph.crt'),
      serverKey: read('subgraph.key'),
      clientCert: read('gateway.crt'),
      clientKey: read('gateway.key'),
      strangerCert: read('stranger.crt'),
      strangerKey: read('stranger.key'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
