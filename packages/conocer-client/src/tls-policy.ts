import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { ConocerError } from './conocer-error';

/** Fingerprints as lowercase hex; accepts `AB:CD:…`, plain hex or base64 of the 32-byte digest. */
export function normalizePins(pins: readonly string[]): string[] {
  return pins.map((pin) => {
    const hex = pin.replace(/:/g, '').trim();
    if (/^[0-9a-fA-F]{64}$/.test(hex)) return hex.toLowerCase();
    const bytes = Buffer.from(pin.trim(), 'base64');
    if (bytes.length === 32 && /^[A-Za-z0-9+/]{43}=$/.test(pin.trim())) return bytes.toString('hex');
    throw new ConocerError('validation', 'pinnedCertificateSha256: each pin is a SHA-256 fingerprint (64 hex digits, colons allowed, or 44 base64 characters)', { code: 'INVALID_OPTIONS' });
  });
}

function chainOf(leaf: PeerCertificate): PeerCertificate[] {
  const chain: PeerCertificate[] = [];
  let current: PeerCertificate | undefined = leaf;
  // A self-signed root points at itself; stop there.
  while (current && !chain.includes(current)) {
    chain.push(current);
    const next: PeerCertificate | undefined = (current as PeerCertificate & { issuerCertificate?: PeerCertificate }).issuerCertificate;
    current = next && next !== current ? next : undefined;
  }
  return chain;
}

export class PinMismatchError extends Error {
  readonly code = 'CERTIFICATE_PIN_MISMATCH';
}

export interface AgentOptions {
  https: boolean;
  pins: string[];
  caCertificates?: string[];
}

/**
 * Keep-alive agent for the API. For https: TLS 1.3 at least, always, and when pins are given the
 * presented chain must contain one of them (on top of normal CA and host-name checks, never instead).
 */
export function createAgent({ https, pins, caCertificates }: AgentOptions): HttpAgent {
  if (!https) return new HttpAgent({ keepAlive: true, maxSockets: 16 });
  return new HttpsAgent({
    keepAlive: true,
    maxSockets: 16,
    minVersion: 'TLSv1.3',
    ...(caCertificates?.length && { ca: caCertificates }),
    checkServerIdentity: (host, cert) => {
      const identity = checkServerIdentity(host, cert);
      if (identity || pins.length === 0) return identity;
      const presented = chainOf(cert).map((c) => c.fingerprint256.replace(/:/g, '').toLowerCase());
      return presented.some((fingerprint) => pins.includes(fingerprint))
        ? undefined
        : new PinMismatchError(`The server's certificate chain matches none of the ${pins.length} pinned SHA-256 fingerprints`);
    },
  });
}
