import { calculateJwkThumbprint, exportJWK, generateKeyPair, importPKCS8, type JWK, type KeyLike, SignJWT } from 'jose';
import type { CertificationProvider, CertificationSubmission, PluginContext, ProviderCertificate, SubmissionOutcome } from '../../plugins';
import type { DomainEvent } from '@academy/event-bus';
import { credentialIdOf, type OpenBadgesIssuer, openBadgeCredential } from './open-badges-credential';

export interface OpenBadgesProviderOptions {
  issuer: OpenBadgesIssuer;
  /** RSA PKCS#8 PEM; unset: an ephemeral key made at initialize (development only). */
  signingKeyPem?: string;
}

const ALGORITHM = 'RS256';

/**
 * Issues Open Badges 3.0 credentials itself, signed as VC-JWT (RS256, the algorithm OB 3.0 requires
 * every verifier to support), with the public key in the JOSE header. Issuance is synchronous: the
 * outcome is `ISSUED` with the credential id as folio, or `REJECTED` for a TODAVIA_NO_COMPETENTE judgment.
 */
export class OpenBadgesProvider implements CertificationProvider {
  readonly name = 'open-badges' as const;
  readonly version = '1.0.0';
  private key: KeyLike | undefined;
  private publicJwk: JWK | undefined;

  constructor(private readonly options: OpenBadgesProviderOptions) {}

  async initialize({ logger }: PluginContext): Promise<void> {
    let publicKey: KeyLike;
    if (this.options.signingKeyPem) {
      this.key = await importPKCS8(this.options.signingKeyPem, ALGORITHM, { extractable: true });
      // The public half of an RSA private JWK is its n and e.
      const { n, e, kty } = await exportJWK(this.key);
      this.publicJwk = { kty, n, e };
    } else {
      logger.warn('OPEN_BADGES_SIGNING_KEY is not set: signing Open Badges with an ephemeral key that dies with the process');
      ({ privateKey: this.key, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true }));
      const { n, e, kty } = await exportJWK(publicKey);
      this.publicJwk = { kty, n, e };
    }
    this.publicJwk = { ...this.publicJwk, kid: await calculateJwkThumbprint(this.publicJwk), alg: ALGORITHM, use: 'sig' };
  }

  /** The key credentials are signed with (its `kid` is in every credential's header). */
  signingJwk(): JWK {
    if (!this.publicJwk) throw new Error('open-badges is not initialized');
    return { ...this.publicJwk };
  }

  async process(event: DomainEvent<CertificationSubmission>): Promise<SubmissionOutcome> {
    if (!this.key || !this.publicJwk) throw new Error('open-badges is not initialized');
    const submission = event.payload;
    const credentialId = credentialIdOf(submission.certificationId);
    if (submission.judgment !== 'COMPETENTE') {
      return { status: 'REJECTED', submissionId: null, reason: { code: 'NOT_COMPETENT', message: 'A credential is issued only for a COMPETENTE judgment' } };
    }
    const issuedAt = new Date();
    const credential = openBadgeCredential(submission, this.options.issuer, issuedAt);
    // VC-JWT: the credential is the payload, with the registered claims that mirror it.
    const jwt = await new SignJWT(credential)
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid: this.publicJwk.kid, jwk: { kty: this.publicJwk.kty, n: this.publicJwk.n, e: this.publicJwk.e } })
      .setIssuer(this.options.issuer.id)
      .setJti(credentialId)
      .setNotBefore(Math.floor(issuedAt.getTime() / 1000))
      .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
      .sign(this.key);
    return { status: 'ISSUED', submissionId: credentialId, folio: credentialId, issuedAt, credential: jwt };
  }

  async status(submissionId: string): Promise<SubmissionOutcome> {
    throw new Error(`open-badges issues synchronously; there is no pending submission ${submissionId}`);
  }

  availability(): 'available' {
    return 'available';
  }

  /** Its credentials are all in the platform's own records, which verification reads first. */
  async verify(): Promise<ProviderCertificate[]> {
    return [];
  }

  async cleanup(): Promise<void> {
    this.key = undefined;
  }
}
