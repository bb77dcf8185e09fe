export { type CertifyingEntityRecord, loadCertifyingEntities } from './certifying-entities';
export { type CompetencyLevel, type CompetencyStandardRecord, EC_CODE_PATTERN, isEcCode, loadCompetencyStandards } from './competency-standards';
export { CURP_PATTERN, type CurpValidation, curpCheckDigit, maskCurp, normalizeCurp, validateCurp } from './curp';
export { type SectorRecord, loadSectors } from './sectors';
export { SNAPSHOT_DIR, SnapshotError } from './snapshot';
