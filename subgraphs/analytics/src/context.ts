import type { Database, Infrastructure, LiveFeed, SubgraphContext } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { type AggregateCache, AggregateRepository, AggregatesService, LearnerProgressRepository, SqlRunner } from './modules/aggregates';
import { CourseService } from './modules/catalog';
import { DeadLetterService } from './modules/dead-letters';
import { ApiTrafficRepository, IntegrationHealthService } from './modules/health';
import { IngestionService } from './modules/ingestion';
import type { EventIngestor, PipelineMetricsProvider } from './modules/pipeline';
import { type BlockedLearners, LearnerDataService } from './modules/privacy';
import { createProgressLoaders, ProgressEventRepository, type ProgressLoaders, ProgressService } from './modules/progress';
import { CERTIFICATION_LETTER_KIND, type CertificationMilestoneRecorder, certificationLetterReplayer, LearnerTimelineRepository, LearnerTimelineService } from './modules/timeline';
import { ApiRequestRepository, ApiUsageService } from './modules/usage';

export interface AnalyticsContext extends SubgraphContext {
  progress: ProgressService;
  loaders: ProgressLoaders;
  ingestion: IngestionService;
  deadLetters: DeadLetterService;
  courses: CourseService;
  pipelineMetrics: PipelineMetricsProvider;
  usage: ApiUsageService;
  integrationHealth: IntegrationHealthService;
  learnerData: LearnerDataService;
  /** Events streamed to this replica's subscribers. */
  live: LiveFeed;
  aggregates: AggregatesService;
  timeline: LearnerTimelineService;
}

export interface AnalyticsRuntime {
  database: Database;
  infrastructure: Infrastructure;
  live: LiveFeed;
  pipeline: EventIngestor & { metrics: PipelineMetricsProvider };
  /** Learners blocked by a cancellation: hidden from reads. */
  blocked: BlockedLearners;
  aggregateCache: AggregateCache;
  /** Stores certification milestones (the bus consumer's, and dead-letter replays'). */
  milestones: CertificationMilestoneRecorder;
}

export function createAnalyticsContext(base: SubgraphContext, { database, live, pipeline, blocked, aggregateCache, milestones }: AnalyticsRuntime): AnalyticsContext {
  // Both drivers the kit runs (PostgreSQL, SQLite) are SQL drivers, so the fork is a SqlEntityManager.
  const em = base.em as SqlEntityManager;
  const progress = new ProgressService(base.em, new ProgressEventRepository(em), base.principal, pipeline, blocked);
  const usage = new ApiUsageService(new ApiRequestRepository(em, database.dialect), base.principal);
  const sql = new SqlRunner(em, database.dialect);
  return {
    ...base,
    progress,
    loaders: createProgressLoaders(progress),
    ingestion: new IngestionService(base.em, base.principal, pipeline),
    deadLetters: new DeadLetterService(base.em, base.principal, pipeline, { [CERTIFICATION_LETTER_KIND]: certificationLetterReplayer(milestones) }),
    courses: new CourseService(base.em, base.principal),
    pipelineMetrics: pipeline.metrics,
    usage,
    integrationHealth: new IntegrationHealthService(new ApiTrafficRepository(em, database.dialect), pipeline.metrics),
    learnerData: new LearnerDataService(em, database.dialect, base.principal, blocked),
    live,
    aggregates: new AggregatesService(new AggregateRepository(sql), new LearnerProgressRepository(sql), aggregateCache, base.principal, blocked),
    timeline: new LearnerTimelineService(new LearnerTimelineRepository(base.em), base.principal, blocked),
  };
}
