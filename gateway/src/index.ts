export { type GatewayContext, type ResolvePrincipal, anonymousPrincipal } from './context';
export { generateContextKeyPems, loadContextKeys } from './context-keys';
export { CORS_ALLOW_HEADERS, type CorsOptions, createCors, originMatcher } from './cors';
export { createGateway, type CreateGatewayOptions, type Gateway } from './create-gateway';
export {
  DEFAULT_SUPERGRAPH_PATH,
  DEVELOPMENT_CORS_ORIGINS,
  type GatewayEnvironment,
  gatewayEnvironmentSchema,
  loadGatewayEnvironment,
} from './environment';
export { GRAPHQL_PATH, JWKS_PATH } from './routes';
export { SubgraphDataSource, type SubgraphDataSourceOptions } from './subgraph-data-source';
export { SupergraphFileError } from './supergraph-file';
