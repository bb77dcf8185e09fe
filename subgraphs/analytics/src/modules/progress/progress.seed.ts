import { randomUUID } from 'node:crypto';
import { forkWithTenantScope } from '@academy/subgraph-kit';
import type { EntityManager } from '@mikro-orm/core';
import { KnownTenantEntity } from '../catalog';
import { AnalyticsEventEntity, EventReceiptEntity } from '../events';

/** Demo courses, three of them preparing for real CONOCER standards from the RENEC catalog. */
export const DEMO_COURSES: readonly { courseId: string; standardCode: string | null; title: string }[] = [
  { courseId: 'instructor-presencial', standardCode: 'EC0217.01', title: 'Impartición de cursos de formación del capital humano de manera presencial grupal' },
  { courseId: 'diseno-de-cursos', standardCode: 'EC0301', title: 'Diseño de cursos de formación del capital humano de manera presencial grupal' },
  { courseId: 'cursos-en-linea', standardCode: 'EC0366', title: 'Desarrollo de cursos de formación en línea' },
  { courseId: 'excel-intermedio', standardCode: null, title: 'Excel intermedio para oficina' },
];

const DEMO_LEARNERS = ['ana.lopez', 'bruno.garcia', 'carla.mendez', 'diego.ruiz', 'elena.torres', 'fernando.diaz', 'gabriela.rios', 'hector.vega'];
/** The percentages a learner reports on the way through a course. */
const STEPS = [15, 40, 70, 100];
const SPACING_MS = 90 * 60_000;

interface DemoEvent {
  learnerId: string;
  courseId: string;
  standardCode: string | null;
  percent: number;
}

/** A deterministic story: learner–course pairs in turn, each reporting 1–4 steps, so every fourth one completes. */
function demoEvents(count: number): DemoEvent[] {
  const events: DemoEvent[] = [];
  for (let pair = 0; events.length < count; pair++) {
    const learnerId = DEMO_LEARNERS[pair % DEMO_LEARNERS.length]!;
    // Shifting the course each round pairs every learner with every course before any pair repeats.
    const course = DEMO_COURSES[(pair + Math.floor(pair / DEMO_LEARNERS.length)) % DEMO_COURSES.length]!;
    for (let step = 0; step <= pair % STEPS.length && events.length < count; step++) {
      events.push({ learnerId, courseId: course.courseId, standardCode: course.standardCode, percent: STEPS[step]! });
    }
  }
  return events;
}

/**
 * Gives a demo tenant `count` progress events. Idempotent: each event has a
 * fixed clientEventId, so running it again (every embedded start does) adds only the events that are
 * missing. Demo history is written directly, not through the pipeline: it is not activity, so it
 * triggers no completions or streams.
 * @returns how many events were written
 */
export async function seedDemoProgress(root: EntityManager, tenantId: string, count: number): Promise<number> {
  // Seeds run outside any request, so they bind the tenant scope themselves: the demo tenant's rows only.
  const em = forkWithTenantScope(root, { mode: 'tenant', tenantId });
  const now = Date.now();
  // Known, so the demo tenant's bus events pass enrichment. No course catalog: demo clients may name any course.
  await em.upsert(KnownTenantEntity, { id: tenantId, firstSeenAt: new Date(now) });
  const events = demoEvents(count);
  const ids = events.map((_, index) => `demo-progress-${index}`);
  const existing = await em.find(EventReceiptEntity, { tenantId, clientEventId: { $in: ids } }, { fields: ['clientEventId'] });
  const stored = new Set(existing.map((row) => row.clientEventId));
  let written = 0;
  events.forEach((event, index) => {
    if (stored.has(ids[index]!)) return;
    const id = randomUUID();
    const occurredAt = new Date(now - (count - index) * SPACING_MS);
    const receivedAt = new Date(now);
    em.create(AnalyticsEventEntity, {
      ...event,
      id,
      tenantId,
      kind: 'progress',
      clientEventId: ids[index]!,
      occurredAt,
      receivedAt,
      source: 'seed',
      lineage: { source: 'seed', receivedAt: receivedAt.toISOString(), steps: ['stored'], routes: ['storage'] },
    });
    em.create(EventReceiptEntity, { tenantId, clientEventId: ids[index]!, eventId: id, occurredAt });
    written++;
  });
  await em.flush();
  return written;
}
