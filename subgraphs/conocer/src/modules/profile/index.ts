export { LearnerProfileEntity } from './learner-profile.entity';
export { candidateCurpOf, recordIssuedCertification, storeCandidateCurp } from './learner-profile.store';
export { BlockedLearnerEntity } from './blocked-learner.entity';
export { blockedLearnerIds, isLearnerBlocked, requireLearnerNotBlocked } from './blocked-learners';
