export { DeadLetteredSubmission } from './dead-lettered-submission.type';
export { SubmissionAdminResolver } from './submission-admin.resolver';
export { SubmissionAdminService } from './submission-admin.service';
export { SUBMISSION_GROUP } from './submission-queue';
export { type SubmissionPollerOptions, SubmissionPoller } from './submission.poller';
export { type SubmissionWorkerDependencies, type SubmissionWorkerOptions, submissionHandler } from './submission.worker';
