export { type Completion, COURSE_COMPLETED, type CourseCompletedPayload, completionEventId, courseCompletedEvent } from './course-completed.event';
export { AnalyticsCourseCompletionEntity } from './course-completion.entity';
export { recordCompletions } from './completion.writer';
