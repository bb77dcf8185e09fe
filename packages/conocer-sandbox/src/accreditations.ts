import type { CertifyingEntityRecord } from '@academy/renec';

/** Which ECE/OC may certify which standards, from the registry snapshot. */
export class Accreditations {
  private readonly codesByEntity = new Map<string, Set<string>>();

  constructor(entities: readonly CertifyingEntityRecord[]) {
    for (const { id, ecCodes } of entities) this.codesByEntity.set(id, new Set(ecCodes));
  }

  knows(entityId: string): boolean {
    return this.codesByEntity.has(entityId);
  }

  isAccredited(entityId: string, standardCode: string): boolean {
    return this.codesByEntity.get(entityId)?.has(standardCode) ?? false;
  }
}
