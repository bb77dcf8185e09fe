import type { EventLineage } from './event-kinds';
import type { EventLineageType } from './event-lineage.type';

/** The stored lineage (JSON, ISO dates) as the GraphQL type shows it. */
export function lineageView(lineage: EventLineage | null | undefined): EventLineageType | null {
  if (!lineage) return null;
  return { source: lineage.source, receivedAt: new Date(lineage.receivedAt), steps: lineage.steps, routes: lineage.routes, replayOf: lineage.replayOf ?? null };
}
