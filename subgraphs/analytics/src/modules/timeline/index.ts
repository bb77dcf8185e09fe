export { CertificationMilestoneEntity } from './certification-milestone.entity';
export { CertificationMilestoneRecorder, type MilestoneItem, type MilestoneResult } from './certification-milestone.recorder';
export { CERTIFICATION_LETTER_KIND, CERTIFICATION_MILESTONES_CONSUMER_GROUP, type CertificationMilestoneFields, validateCertificationUpdate } from './certification-updated.event';
export { certificationUpdatesHandler } from './certification-updates.consumer';
export { certificationLetterReplayer } from './certification-letter.replayer';
export { LearnerTimelineRepository } from './learner-timeline.repository';
export { LearnerTimelineResolver } from './learner-timeline.resolver';
export { LearnerTimelineService, pageOf } from './learner-timeline.service';
export { LearnerTimelineEntry, LearnerTimelineEntryKind } from './learner-timeline.type';
