import { runSubgraph } from '@academy/subgraph-kit';
import { createConocerService } from './create-conocer-service';
import { loadConocerEnvironment } from './environment';

runSubgraph('conocer', () => loadConocerEnvironment(), createConocerService);
