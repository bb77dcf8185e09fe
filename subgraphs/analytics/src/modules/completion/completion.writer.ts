import type { DatabaseDialect } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { bulkInsert, qualifiedTable } from '../events';
import { enqueueEvents } from '../outbox';
import { type Completion, courseCompletedEvent } from './course-completed.event';

/**
 * Inside the transaction that stores the completing events: records each learner–course completion
 * once, and puts `course.completed` in the outbox for those that are new, so the event leaves if and
 * only if the completion is committed. Returns the new completions.
 */
export async function recordCompletions(em: SqlEntityManager, dialect: DatabaseDialect, completions: readonly Completion[]): Promise<Completion[]> {
  if (completions.length === 0) return [];
  // The earliest 100 % of a pair in the batch is its completion.
  const first = new Map<string, Completion>();
  for (const completion of [...completions].sort((a, b) => a.completedAt.getTime() - b.completedAt.getTime())) {
    const key = `${completion.tenantId}\u0000${completion.learnerId}\u0000${completion.courseId}`;
    if (!first.has(key)) first.set(key, completion);
  }
  const candidates = [...first.values()];
  const inserted = await bulkInsert<{ tenant_id: string; learner_id: string; course_id: string }>(em, dialect, {
    table: qualifiedTable(dialect, 'analytics_course_completion'),
    columns: [
      { name: 'tenant_id', pg: 'varchar' },
      { name: 'learner_id', pg: 'varchar' },
      { name: 'course_id', pg: 'varchar' },
      { name: 'standard_code', pg: 'varchar' },
      { name: 'completed_at', pg: 'timestamptz' },
      { name: 'event_id', pg: 'uuid' },
    ],
    rows: candidates.map((c) => [c.tenantId, c.learnerId, c.courseId, c.standardCode, c.completedAt, c.eventId]),
    ignoreConflicts: true,
    returning: ['tenant_id', 'learner_id', 'course_id'],
  });
  const isNew = new Set(inserted.map((row) => `${row.tenant_id}\u0000${row.learner_id}\u0000${row.course_id}`));
  const fresh = candidates.filter((c) => isNew.has(`${c.tenantId}\u0000${c.learnerId}\u0000${c.courseId}`));
  await enqueueEvents(em, dialect, fresh.map((completion) => courseCompletedEvent(completion)));
  return fresh;
}
