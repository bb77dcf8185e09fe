import { loadCertifyingEntities } from '@academy/renec';

export type Accreditation = 'ACCREDITED' | 'UNKNOWN' | 'NOT_ACCREDITED';

let registry: Map<string, ReadonlySet<string>> | undefined;

/** ECE/OC id → the standards it may certify, from the bundled RENEC registry (read once). */
function accreditations(): Map<string, ReadonlySet<string>> {
  registry ??= new Map(loadCertifyingEntities().map((entity) => [entity.id, new Set(entity.ecCodes)]));
  return registry;
}

/** Ids are compared in their registry form (`ECE-00001`), after trimming and upper-casing. */
export function normalizeCenterId(input: string): string {
  return input.trim().toUpperCase();
}

export function accreditationOf(centerId: string, standardCode: string): Accreditation {
  const codes = accreditations().get(centerId);
  if (!codes) return 'UNKNOWN';
  return codes.has(standardCode) ? 'ACCREDITED' : 'NOT_ACCREDITED';
}
