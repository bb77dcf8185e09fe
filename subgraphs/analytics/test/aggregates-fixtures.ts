import { randomUUID } from 'node:crypto';
import { ENGAGEMENT_ACTIVITIES } from '../src/modules/events';
import type { IngestItem } from '../src/modules/pipeline';

const DAY_MS = 86_400_000;

/** One generated event as the test sends it. */
export interface GeneratedEvent {
  tenantId: string;
  kind: 'progress' | 'engagement';
  learnerId: string;
  courseId: string;
  percent: number | null;
  activity: string | null;
  durationSeconds: number | null;
  occurredAt: Date;
  clientEventId: string;
}

/** A small deterministic generator (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` events of `tenants` × `courses` × 40 learners spread over the `days` days before `end`,
 * about a third engagement, with 100 % reported now and then.
 */
export function generateEvents({ tenants, courses, count, days, end, seed }: { tenants: string[]; courses: string[]; count: number; days: number; end: Date; seed: number }): GeneratedEvent[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, () => {
    const engagement = next() < 0.35;
    const roll = next();
    return {
      tenantId: pick(tenants),
      kind: engagement ? 'engagement' : 'progress',
      learnerId: `learner-${Math.floor(next() * 40)}`,
      courseId: pick(courses),
      percent: engagement ? null : roll < 0.1 ? 100 : Math.round(roll * 1000) / 10,
      activity: engagement ? pick(ENGAGEMENT_ACTIVITIES) : null,
      durationSeconds: engagement ? 1 + Math.floor(next() * 3600) : null,
      occurredAt: new Date(end.getTime() - 1 - Math.floor(next() * days * DAY_MS)),
      clientEventId: randomUUID(),
    };
  });
}

export function toIngestItem(event: GeneratedEvent): IngestItem {
  const { tenantId, kind, learnerId, courseId, percent, activity, durationSeconds, occurredAt, clientEventId } = event;
  const data = kind === 'progress' ? { learnerId, courseId, percent, occurredAt, clientEventId } : { learnerId, courseId, activity, durationSeconds, occurredAt, clientEventId };
  return { kind, source: 'api', tenantId, tenantVerified: true, data, receivedAt: new Date() };
}

/** What the figures of a period must be, computed plainly from the events (already de-duplicated). */
export function expectedFigures(events: GeneratedEvent[], { tenantId, courseId, from, to }: { tenantId: string; courseId: string | null; from: Date; to: Date }) {
  const inPeriod = events.filter((e) => e.tenantId === tenantId && (courseId === null || e.courseId === courseId) && e.occurredAt >= from && e.occurredAt < to);
  const progress = inPeriod.filter((e) => e.kind === 'progress');
  const engagement = inPeriod.filter((e) => e.kind === 'engagement');
  const completed = new Set(progress.filter((e) => e.percent === 100).map((e) => `${e.learnerId}/${e.courseId}`));
  const activities = new Map<string, { events: number; seconds: number }>();
  for (const e of engagement) {
    const entry = activities.get(e.activity!) ?? { events: 0, seconds: 0 };
    entry.events += 1;
    entry.seconds += e.durationSeconds!;
    activities.set(e.activity!, entry);
  }
  const percentSum = progress.reduce((sum, e) => sum + e.percent!, 0);
  const seconds = engagement.reduce((sum, e) => sum + e.durationSeconds!, 0);
  return {
    events: inPeriod.length,
    activeLearners: new Set(inPeriod.map((e) => e.learnerId)).size,
    progressEvents: progress.length,
    completions: completed.size,
    averageProgress: progress.length ? percentSum / progress.length : null,
    engagementEvents: engagement.length,
    engagementMinutes: seconds / 60,
    engagementByActivity: [...activities.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([activity, { events, seconds }]) => ({ activity, events, minutes: seconds / 60 })),
  };
}
