/**
 * The one classification of personal data (LFPDPPP / GDPR): which field names hold it and how each
 * is shown when it must appear at all. Log redaction (service-kit) and the learner data export read
 * this list, so a field classified here is protected everywhere at once.
 */
export type PersonalDataCategory =
  /** Government identifying numbers: encrypted at rest, never logged, masked in exports. */
  | 'identifier'
  /** Ways to reach a person: never logged, shown only to the person and their tenant's admins. */
  | 'contact'
  /** Names: never logged. */
  | 'name';

export const PERSONAL_FIELDS = {
  curp: 'identifier',
  rfc: 'identifier',
  nss: 'identifier',
  phone: 'contact',
  email: 'contact',
  displayName: 'name',
  fullName: 'name',
  firstName: 'name',
  lastName: 'name',
} as const satisfies Record<string, PersonalDataCategory>;

export type PersonalField = keyof typeof PERSONAL_FIELDS;

export function isPersonalField(name: string): name is PersonalField {
  return Object.hasOwn(PERSONAL_FIELDS, name);
}

export function categoryOf(name: string): PersonalDataCategory | null {
  return isPersonalField(name) ? PERSONAL_FIELDS[name] : null;
}

/** pino redaction paths for every classified field, at the top level and one level down. */
export function personalLogPaths(): string[] {
  return Object.keys(PERSONAL_FIELDS).flatMap((name) => [name, `*.${name}`]);
}

/**
 * What an identifier looks like to someone who may not read it: its first 4 and last 2 characters
 * (a CURP's initials and check characters), the rest starred. Short values are starred entirely.
 */
export function maskIdentifier(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 6)}${value.slice(-2)}`;
}
