import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { CourseCompletionEntity } from './course-completion.entity';
import type { CourseCompletion } from './course-completed.event';

/** Idempotent per learner and course: a second report of the same completion returns the first row. */
export async function recordCompletion(em: EntityManager, completion: CourseCompletion): Promise<CourseCompletionEntity> {
  const { tenantId, learnerId, courseId } = completion;
  const existing = await em.findOne(CourseCompletionEntity, { tenantId, learnerId, courseId });
  if (existing) return existing;
  const row = em.create(CourseCompletionEntity, completion);
  try {
    await em.persistAndFlush(row);
    return row;
  } catch (error) {
    // A concurrent delivery of the same completion won the insert.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    return em.fork().findOneOrFail(CourseCompletionEntity, { tenantId, learnerId, courseId });
  }
}
