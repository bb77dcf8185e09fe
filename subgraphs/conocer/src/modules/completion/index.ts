export { recordCompletion } from './completion.store';
export { CourseCompletionEntity } from './course-completion.entity';
export { courseCompletedHandler } from './course-completed.consumer';
export { COURSE_COMPLETED, type CourseCompletedPayload, type CourseCompletion, courseCompletionOf } from './course-completed.event';
