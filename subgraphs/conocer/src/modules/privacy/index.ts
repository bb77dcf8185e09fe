export { refuseBlockedLearners } from './blocked-learner-events';
export { LEARNER_CANCELLATION_TYPES, learnerCancellationHandler, PRIVACY_GROUP } from './learner-cancellation.consumer';
export { LearnerDataResolver, learnerDataExportReference } from './learner-data.resolver';
export { LearnerDataService } from './learner-data.service';
export { LearnerCertificationData, LearnerDataExport } from './learner-data.type';
