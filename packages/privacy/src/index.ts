export { categoryOf, isPersonalField, maskIdentifier, PERSONAL_FIELDS, type PersonalDataCategory, type PersonalField, personalLogPaths } from './classification';
export { FieldVault, type SealedField } from './field-vault';
export { KEY_ID, type KeyRing, keyRingSchema } from './key-ring';
export { LEARNER_EVENT, type LearnerCancellationPayload, learnerCancellationPayload, parseLearnerCancellation } from './learner-events';
export { canActForLearner, type DataSubjectCaller, isDataSubject, isTenantDataController } from './data-subject-access';
export { cancellationAuditEvent } from './erasure-audit';
