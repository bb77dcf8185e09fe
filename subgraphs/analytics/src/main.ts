import { runSubgraph } from '@academy/subgraph-kit';
import { createAnalyticsService } from './create-analytics-service';
import { loadAnalyticsEnvironment } from './environment';

runSubgraph('analytics', () => loadAnalyticsEnvironment(), createAnalyticsService);
