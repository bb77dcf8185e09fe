import { createHash, randomBytes } from 'node:crypto';
import type { CertificationSubmission } from '../../plugins';

/** The two contexts an Open Badges 3.0 credential on VC Data Model 2.0 carries, in this order. */
export const OPEN_BADGES_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] as const;

export interface OpenBadgesIssuer {
  /** The issuer profile's id (a URL). */
  id: string;
  name: string;
}

/** The credential's id: derived from the certification, so issuing again yields the same credential id. */
export const credentialIdOf = (certificationId: string) => `urn:uuid:${certificationId}`;

/**
 * The holder is identified by a salted SHA-256 of the CURP (an OB `IdentityObject`), never the CURP
 * itself: whoever knows the CURP can check the credential is theirs, nobody can read it off the badge.
 */
function identityOf(curp: string): Record<string, unknown> {
  const salt = randomBytes(16).toString('hex');
  return {
    type: 'IdentityObject',
    identityType: 'nationalIdentityNumber',
    hashed: true,
    identityHash: `sha256$${createHash('sha256').update(curp + salt).digest('hex')}`,
    salt,
  };
}

/** An unsigned OB 3.0 `OpenBadgeCredential` for one certification (the JWT proof is added by the signer). */
export function openBadgeCredential(submission: CertificationSubmission, issuer: OpenBadgesIssuer, issuedAt: Date): Record<string, unknown> {
  const { certificationId, standardCode, standardTitle, evaluatedOn, evaluationCenterId, curp } = submission;
  return {
    '@context': [...OPEN_BADGES_CONTEXT],
    id: credentialIdOf(certificationId),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer.id, type: ['Profile'], name: issuer.name },
    validFrom: issuedAt.toISOString(),
    name: `${standardCode} ${standardTitle}`,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [identityOf(curp)],
      achievement: {
        id: `${issuer.id.replace(/\/$/, '')}/achievements/${encodeURIComponent(standardCode)}`,
        type: ['Achievement'],
        achievementType: 'Certification',
        name: standardTitle,
        description: `Competency standard ${standardCode} of Mexico's national registry of competency standards (RENEC).`,
        criteria: {
          narrative: `Evaluated as competent (COMPETENTE) against ${standardCode} on ${evaluatedOn} by the evaluation center ${evaluationCenterId}.`,
        },
        alignment: [
          {
            type: ['Alignment'],
            targetName: standardTitle,
            targetCode: standardCode,
            targetFramework: 'RENEC (CONOCER)',
            targetUrl: 'https://conocer.gob.mx',
          },
        ],
      },
    },
  };
}
