import type { EventHandler } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import { recordCompletion } from './completion.store';
import type { CourseCompletionEntity } from './course-completion.entity';
import { courseCompletionOf } from './course-completed.event';

/**
 * `course.completed` → a completion on record (what validateCompletion accepts), then `onCompletion`
 * (automatic certification). A malformed event is logged and dropped: no retry can fix it. A database
 * failure throws, so the bus retries; both steps are idempotent.
 */
export function courseCompletedHandler(em: EntityManager, logger: Logger, onCompletion: (completion: CourseCompletionEntity) => Promise<void>): EventHandler {
  return async (event) => {
    const completion = courseCompletionOf(event);
    if ('problems' in completion) {
      logger.warn({ eventId: event.id, problems: completion.problems }, 'dropped a malformed course.completed event');
      return;
    }
    const row = await recordCompletion(em.fork(), completion);
    await onCompletion(row);
  };
}
