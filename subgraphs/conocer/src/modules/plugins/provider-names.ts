/**
 * The certification-provider plugins this build ships. A name here is what configuration
 * (`CERTIFICATION_PROVIDER`) and certification programs use, and what each certification records.
 */
export const CERTIFICATION_PROVIDER_NAMES = ['conocer', 'open-badges'] as const;

export type CertificationProviderName = (typeof CERTIFICATION_PROVIDER_NAMES)[number];
