import { randomUUID } from 'node:crypto';
import { newEvent } from '@academy/event-bus';
import { createLogger } from '@academy/service-kit';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { type CertificationSubmission, SUBMIT_CERTIFICATION } from '../../plugins';
import { OPEN_BADGES_CONTEXT } from './open-badges-credential';
import { OpenBadgesProvider } from './open-badges.provider';

const logger = createLogger({ service: 'open-badges-test', level: 'silent' });
const submission = (overrides: Partial<CertificationSubmission> = {}): CertificationSubmission => ({
  certificationId: randomUUID(),
  tenantId: 'tenant-1',
  learnerId: 'learner-1',
  curp: 'BOXW310820HNERXN09',
  standardCode: 'EC0217.01',
  standardTitle: 'Impartición de cursos de formación del capital humano de manera presencial grupal',
  judgment: 'COMPETENTE',
  evaluatedOn: '2026-01-15',
  evaluationCenterId: 'ECE-00001',
  ...overrides,
});

describe('OpenBadgesProvider', () => {
  it('issues a signed OB 3.0 credential whose id is derived from the certification, without the CURP', async () => {
    const provider = new OpenBadgesProvider({ issuer: { id: 'https://academy.example/issuers/academy', name: 'Academy' } });
    await provider.initialize({ logger });
    const input = submission();
    const outcome = await provider.process(newEvent(SUBMIT_CERTIFICATION, input.tenantId, input));
    expect(outcome).toMatchObject({ status: 'ISSUED', folio: `urn:uuid:${input.certificationId}` });
    if (outcome.status !== 'ISSUED') throw new Error('not issued');
    expect(outcome.credential).not.toContain(input.curp);

    const header = decodeProtectedHeader(outcome.credential!);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: provider.signingJwk().kid });
    const { payload } = await jwtVerify(outcome.credential!, await importJWK(header.jwk!, 'RS256'), { issuer: 'https://academy.example/issuers/academy' });
    expect(payload).toMatchObject({
      '@context': [...OPEN_BADGES_CONTEXT],
      id: `urn:uuid:${input.certificationId}`,
      jti: `urn:uuid:${input.certificationId}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: 'https://academy.example/issuers/academy', type: ['Profile'], name: 'Academy' },
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: { type: ['Achievement'], achievementType: 'Certification', alignment: [expect.objectContaining({ targetCode: 'EC0217.01' })] },
      },
    });
    expect(JSON.stringify(payload)).not.toContain(input.curp);
    // The holder can prove the badge is theirs from the salted hash.
    const [identity] = (payload.credentialSubject as { identifier: { identityHash: string; salt: string }[] }).identifier;
    const { createHash } = await import('node:crypto');
    expect(identity!.identityHash).toBe(`sha256$${createHash('sha256').update(input.curp + identity!.salt).digest('hex')}`);
  });

  it('rejects a TODAVIA_NO_COMPETENTE judgment instead of issuing', async () => {
    const provider = new OpenBadgesProvider({ issuer: { id: 'https://academy.example/issuers/academy', name: 'Academy' } });
    await provider.initialize({ logger });
    const input = submission({ judgment: 'TODAVIA_NO_COMPETENTE' });
    expect(await provider.process(newEvent(SUBMIT_CERTIFICATION, input.tenantId, input))).toMatchObject({
      status: 'REJECTED',
      reason: { code: 'NOT_COMPETENT' },
    });
  });
});
