import type { PipelineEvent } from './ingest-item';

/** Where the router sends an event, besides storage (which every event gets). */
export const ROUTE = {
  storage: 'storage',
  /** `progress.recorded` to every replica's live feed (the `progressUpdated` subscription). */
  progressStream: 'stream:progress.recorded',
  /** `engagement.recorded` to every replica's live feed (the `courseEngagement` subscription). */
  engagementStream: 'stream:engagement.recorded',
  /** The first 100 % of a learner in a course: `course.completed` through the outbox. */
  completion: 'trigger:course.completed',
  /** An event of a day whose aggregates may already be computed: recompute them, drop cached answers. */
  lateEvent: 'trigger:aggregates.late',
} as const;

const startOfUtcDay = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

/** The routing step: the destinations of one validated, enriched event. */
export function routesOf(event: Pick<PipelineEvent, 'kind' | 'percent' | 'occurredAt'>, now: Date): string[] {
  const routes: string[] = [ROUTE.storage];
  routes.push(event.kind === 'progress' ? ROUTE.progressStream : ROUTE.engagementStream);
  if (event.kind === 'progress' && event.percent === 100) routes.push(ROUTE.completion);
  if (event.occurredAt.getTime() < startOfUtcDay(now)) routes.push(ROUTE.lateEvent);
  return routes;
}
