import { cleanText, readSnapshot } from './snapshot';

/** An ECE or OC accredited to certify some standards. */
export interface CertifyingEntityRecord {
  /** `ECE-00001`-style; assigned when the snapshot was captured, not an official CONOCER id. */
  id: string;
  name: string;
  alternateNames: string[];
  /** Legal form as captured (`AC`, `SC`, `SA de CV`); null where the capture says `Unknown`. */
  legalForm: string | null;
  /** Codes of the standards the entity is accredited for. */
  ecCodes: string[];
}

interface RawRegistry {
  registry: {
    id: string;
    canonical_name: string;
    alternate_names?: string[];
    entity_type?: string | null;
    ec_codes?: string[];
  }[];
}

export function loadCertifyingEntities(): CertifyingEntityRecord[] {
  const { registry } = readSnapshot('ece-registry.json') as RawRegistry;
  return registry.map((raw) => {
    const legalForm = cleanText(raw.entity_type ?? '');
    return {
      id: raw.id.trim(),
      name: cleanText(raw.canonical_name),
      alternateNames: (raw.alternate_names ?? []).map(cleanText),
      legalForm: legalForm === '' || legalForm === 'Unknown' ? null : legalForm,
      ecCodes: (raw.ec_codes ?? []).map((code) => code.trim()),
    };
  });
}
