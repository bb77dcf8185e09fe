export { type ConocerServiceOptions, createConocerService } from './create-conocer-service';
export { type ConocerEnvironment, conocerEnvironmentSchema, loadConocerEnvironment } from './environment';
export { buildConocerSchema } from './schema';
