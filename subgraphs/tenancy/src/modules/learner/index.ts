export { type CancellationStateValue, LearnerCancellationEntity } from './learner-cancellation.entity';
export { LearnerEntity, MAX_LEARNER_ID_LENGTH } from './learner.entity';
export { LEARNER_ID_PATTERN, MAX_DISPLAY_NAME_LENGTH, RegisterLearnerInput } from './learner.input';
export { createLearnerLoaders, type LearnerLoaders } from './learner.loader';
export { learnerReference } from './learner.reference';
export { LearnerResolver } from './learner.resolver';
export { LearnerService, toLearner } from './learner.service';
export { Learner, LearnerConnection } from './learner.type';
