export { AnalyticsBlockedLearnerEntity } from './analytics-blocked-learner.entity';
export { BlockedLearners } from './blocked-learners';
export { blockedLearnersBroadcast, LEARNER_CANCELLATION_TYPES, learnerCancellationHandler, PRIVACY_CONSUMER_GROUP } from './learner-cancellation.consumer';
export { LearnerDataResolver, learnerDataExportReference } from './learner-data.resolver';
export { LearnerDataService } from './learner-data.service';
export { LearnerAnalyticsData, LearnerCertificationMilestone, LearnerDataExport } from './learner-data.type';
