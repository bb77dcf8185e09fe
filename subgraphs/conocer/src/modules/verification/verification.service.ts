import { AppError, type Logger, type Principal } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import { maskCurp } from '@academy/renec';
import { CertificationEntity, requireValidCurp } from '../certification';
import type { CurpVault } from '../curp';
import type { ProviderCertificate, ProviderDirectory } from '../plugins';
import { CompetencyStandardEntity } from '../standard';
import type { VerificationRateLimiter } from './verification-rate-limiter';
import { type CertificateVerification, VerificationSource, type VerifiedCertificate } from './verification.type';

export interface VerificationDependencies {
  /**
   * All tenants: a certificate is public proof whoever issued it, so verification alone reads across
   * tenants, and returns nothing that identifies a tenant or a learner.
   */
  em: EntityManager;
  vault: CurpVault;
  providers: ProviderDirectory;
  limiter: VerificationRateLimiter;
  /** The display name of each provider's certificates. */
  issuerOf(provider: string): string;
  logger: Logger;
}

/** Public verification by folio or CURP: the platform's issued certificates first, then the providers'. */
export class VerificationService {
  constructor(
    private readonly deps: VerificationDependencies,
    private readonly principal: Principal,
  ) {}

  async verify(folioInput: string | null | undefined, curpInput: string | null | undefined): Promise<CertificateVerification> {
    const folio = folioInput?.trim() || null;
    if ((folio === null) === (curpInput == null || curpInput.trim() === '')) {
      throw new AppError('BAD_USER_INPUT', 'Give exactly one of folio or curp');
    }
    if (folio !== null && folio.length > 200) throw new AppError('BAD_USER_INPUT', 'folio is at most 200 characters', { argument: 'folio' });
    const curp = folio === null ? requireValidCurp(curpInput!, 'curp') : null;
    await this.deps.limiter.check(this.principal);
    const em = this.deps.em.fork();
    const rows = await em.find(CertificationEntity, { status: 'ISSUED', ...(folio !== null ? { folio } : { curpIndex: this.deps.vault.blindIndex(curp!) }) }, { orderBy: { issuedAt: 'desc' }, limit: 100 });
    const titles = new Map(
      (await em.find(CompetencyStandardEntity, { code: { $in: [...new Set(rows.map((row) => row.standardCode))] } })).map((standard) => [standard.code, standard.title]),
    );
    const local: VerifiedCertificate[] = rows.map((row) => ({
      folio: row.folio!,
      standardCode: row.standardCode,
      standardTitle: titles.get(row.standardCode) ?? null,
      maskedCurp: row.maskedCurp,
      issuedAt: row.issuedAt!,
      evaluationCenterId: row.evaluationCenterId,
      issuer: this.deps.issuerOf(row.provider),
      source: VerificationSource.PLATFORM,
    }));
    const known = new Set(local.map((certificate) => certificate.folio));
    const remote = (await this.fromProviders(folio !== null ? { folio } : { curp: curp! })).filter((certificate) => !known.has(certificate.folio));
    const certificates = [...local, ...remote];
    return { valid: certificates.length > 0, certificates };
  }

  /** Providers that can answer now; one failing or down is skipped, so local answers never wait on it. */
  private async fromProviders(query: { folio: string } | { curp: string }): Promise<VerifiedCertificate[]> {
    const found: VerifiedCertificate[] = [];
    for (const name of this.deps.providers.names()) {
      const provider = this.deps.providers.get(name)!;
      if (provider.availability() === 'unavailable') continue;
      let certificates: ProviderCertificate[];
      try {
        certificates = await provider.verify(query);
      } catch (error) {
        this.deps.logger.warn({ err: error, provider: name }, 'certificate verification at the provider failed; answering from local data');
        continue;
      }
      for (const certificate of certificates) {
        found.push({
          folio: certificate.folio,
          standardCode: certificate.standardCode,
          standardTitle: null,
          // Masked again: a provider's idea of masking must not decide what leaves this service.
          maskedCurp: maskCurp(certificate.maskedCurp),
          issuedAt: certificate.issuedAt,
          evaluationCenterId: certificate.evaluationCenterId,
          issuer: this.deps.issuerOf(name),
          source: VerificationSource.PROVIDER,
        });
      }
    }
    return found;
  }
}
