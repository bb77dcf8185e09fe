export { type ConocerRuntime, type ConocerServiceOptions, createConocerService } from './create-conocer-service';
export { type ConocerEnvironment, conocerEnvironmentSchema, DEVELOPMENT_CONOCER, loadConocerEnvironment } from './environment';
export { noPendingSubmissions, type PendingSubmissionsProvider } from './modules/sync';
export { buildConocerSchema } from './schema';
