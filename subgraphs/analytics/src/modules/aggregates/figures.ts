/** What one course (or a whole tenant) did over one period: the unit aggregates are stored, cached and served in. */
export interface PeriodFigures {
  /** ISO 8601 start of the period (JSON-safe: figures are cached as JSON). */
  start: string;
  events: number;
  activeLearners: number;
  progressEvents: number;
  completions: number;
  percentSum: number;
  engagementEvents: number;
  engagementSeconds: number;
  activities: ActivityFigures[];
}

export interface ActivityFigures {
  activity: string;
  events: number;
  seconds: number;
}

/** Which rows figures are about: one course of a tenant, or the whole tenant. */
export interface FiguresScope {
  tenantId: string;
  /** null: the whole tenant. */
  courseId: string | null;
}

export function emptyFigures(start: Date): PeriodFigures {
  return { start: start.toISOString(), events: 0, activeLearners: 0, progressEvents: 0, completions: 0, percentSum: 0, engagementEvents: 0, engagementSeconds: 0, activities: [] };
}
