export type { GatewayInfrastructure } from './access-control';
export { type GatewayContext, type ResolvePrincipal, anonymousPrincipal, gatewayServicePrincipal } from './context';
export { generateContextKeyPems, loadContextKeys } from './context-keys';
export { CORS_ALLOW_HEADERS, type CorsOptions, createCors, originMatcher } from './cors';
export { createGateway, type CreateGatewayOptions, type Gateway } from './create-gateway';
export {
  DEFAULT_SUPERGRAPH_PATH,
  DEVELOPMENT_CORS_ORIGINS,
  DEVELOPMENT_JWT_HS256_SECRET,
  type GatewayEnvironment,
  gatewayEnvironmentSchema,
  JWT_ALGORITHMS,
  type JwtAlgorithm,
  loadGatewayEnvironment,
  TENANT_STRATEGIES,
  type TenantStrategy,
} from './environment';
export type { AuthenticationFailureReason } from './plugins/authentication-failure';
export { API_KEY_PREFIX, HMAC_SCHEME } from './plugins/credentials';
export { type SignedRequest, signRequest, stringToSign } from './plugins/hmac-verifier';
export { GRAPHQL_PATH, JWKS_PATH } from './routes';
export { SubgraphDataSource, type SubgraphDataSourceOptions } from './subgraph-data-source';
export type { SubgraphTls } from './subgraph-fetcher';
export { SupergraphFileError } from './supergraph-file';
export type { ApiKeyAccess, PlanLimits, TenantAccess } from './tenancy/tenant-access';
