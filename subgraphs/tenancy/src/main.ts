import { runSubgraph } from '@academy/subgraph-kit';
import { createTenancyService } from './create-tenancy-service';
import { loadTenancyEnvironment } from './environment';

runSubgraph('tenancy', () => loadTenancyEnvironment(), createTenancyService);
