import { AppError, type Principal } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import type { ProviderDirectory } from '../plugins';
import { CertificationProgramEntity } from './certification-program.entity';
import type { CertificationProgramInput } from './certification-program.input';
import type { CertificationProgram } from './certification-program.type';

/** Checks the program refers to what exists; kept apart so the certification module's rules are the ones used. */
export interface ProgramChecks {
  standardCode(em: EntityManager, input: string): Promise<string>;
  evaluationCenter(input: string, standardCode: string): string;
}

/** The tenant's certification programs (one per standard). */
export class CertificationProgramService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
    private readonly providers: ProviderDirectory,
    private readonly checks: ProgramChecks,
  ) {}

  private tenantId(): string {
    if (this.principal.tenantId === null) throw new AppError('TENANT_REQUIRED', 'Certification programs belong to a tenant');
    return this.principal.tenantId;
  }

  private toProgram(row: CertificationProgramEntity): CertificationProgram {
    const { standardCode, evaluationCenterId, provider, autoCertify, updatedAt } = row;
    return { standardCode, evaluationCenterId, provider: this.providers.choose(provider), autoCertify, updatedAt };
  }

  async list(): Promise<CertificationProgram[]> {
    const rows = await this.em.find(CertificationProgramEntity, { tenantId: this.tenantId() }, { orderBy: { standardCode: 'asc' } });
    return rows.map((row) => this.toProgram(row));
  }

  async set(input: CertificationProgramInput): Promise<CertificationProgram> {
    const tenantId = this.tenantId();
    const standardCode = await this.checks.standardCode(this.em, input.standardCode);
    const evaluationCenterId = this.checks.evaluationCenter(input.evaluationCenterId, standardCode);
    const provider = input.provider?.trim() || null;
    if (provider !== null && !this.providers.get(provider)) {
      throw new AppError('BAD_USER_INPUT', `Unknown certification provider ${provider}; enabled: ${this.providers.names().join(', ')}`, { argument: 'input.provider' });
    }
    const row = (await this.em.findOne(CertificationProgramEntity, { tenantId, standardCode })) ?? this.em.create(CertificationProgramEntity, { tenantId, standardCode, evaluationCenterId });
    Object.assign(row, { evaluationCenterId, provider, autoCertify: input.autoCertify });
    await this.em.persistAndFlush(row);
    return this.toProgram(row);
  }

  /** True when there was one. */
  async remove(standardCodeInput: string): Promise<boolean> {
    const standardCode = standardCodeInput.trim().toUpperCase();
    return (await this.em.nativeDelete(CertificationProgramEntity, { tenantId: this.tenantId(), standardCode })) > 0;
  }
}
