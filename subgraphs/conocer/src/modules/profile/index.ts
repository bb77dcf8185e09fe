export { LearnerProfileEntity } from './learner-profile.entity';
export { candidateCurpOf, recordIssuedCertification, storeCandidateCurp } from './learner-profile.store';
