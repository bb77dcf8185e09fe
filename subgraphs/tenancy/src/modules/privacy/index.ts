export { CancellationRelay } from './cancellation-relay';
export { LearnerCancellation, LearnerDataExport } from './learner-data-export.type';
export { LearnerPrivacyResolver } from './learner-privacy.resolver';
export { LearnerPrivacyService } from './learner-privacy.service';
export { learnerDataExportReference } from './learner-data-export.reference';
