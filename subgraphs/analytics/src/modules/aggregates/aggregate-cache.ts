import { createCache, type KeyValueStore, type ReadThroughCache } from '@academy/cache';
import type { Logger } from '@academy/service-kit';
import type { FiguresScope, PeriodFigures } from './figures';
import type { Granularity } from './period';

const NAMESPACE = 'analytics-aggregates';
/** Longer than any entry lives, so a generation that expires cannot bring back an entry keyed on it. */
const GENERATION_TTL_MS = 7 * 86_400_000;

export interface AggregateCacheOptions {
  store: KeyValueStore;
  ttlMs: number;
  logger: Logger;
}

/**
 * Figures of settled periods, cached per tenant (and course) and request. Invalidation bumps a
 * generation per tenant and per course that is part of every key, so one increment drops every entry of
 * a course (or a tenant's whole-tenant entries) on every replica sharing the store, without listing keys.
 */
export class AggregateCache {
  private readonly cache: ReadThroughCache<PeriodFigures[]>;

  constructor(private readonly options: AggregateCacheOptions) {
    this.cache = createCache(options.store, { namespace: NAMESPACE, ttlMs: options.ttlMs, logger: options.logger });
  }

  async get(scope: FiguresScope, granularity: Granularity, from: Date, to: Date, load: () => Promise<PeriodFigures[]>): Promise<PeriodFigures[]> {
    let generation: string;
    try {
      generation = (await this.options.store.get(generationKey(scope))) ?? '0';
    } catch (error) {
      // A cache is an optimisation: without its store, answer from the database.
      this.options.logger.warn({ err: error }, 'aggregate cache unavailable; reading the database');
      return load();
    }
    const key = [scope.tenantId, scopeOf(scope), generation, granularity, from.toISOString(), to.toISOString()].join(':');
    return this.cache.get(key, load);
  }

  /** Drops the entries of these courses and of their tenants' whole-tenant figures. */
  async invalidate(courses: { tenantId: string; courseId: string }[]): Promise<void> {
    const keys = new Set<string>();
    for (const { tenantId, courseId } of courses) {
      keys.add(generationKey({ tenantId, courseId }));
      keys.add(generationKey({ tenantId, courseId: null }));
    }
    await Promise.all([...keys].map((key) => this.options.store.incrementBy(key, 1, GENERATION_TTL_MS)));
  }
}

const scopeOf = ({ courseId }: FiguresScope) => (courseId === null ? '*' : `course=${encodeURIComponent(courseId)}`);
const generationKey = (scope: FiguresScope) => `${NAMESPACE}-generation:${scope.tenantId}:${scopeOf(scope)}`;
