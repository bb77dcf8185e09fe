import 'reflect-metadata';

export { createDatabase, type Database, type DatabaseDialect, type DatabaseOptions, databaseConfig, dialectOf } from './database';
export { applyCacheHints, type CacheHint, type CacheHints } from './cache-hints';
export { buildFederatedSchema, FEDERATION_SPEC, type FederatedSchemaOptions } from './federated-schema';
export { checkPageSize, type Connection, ConnectionType, decodeCursor, encodeCursor, MAX_PAGE_SIZE, PageInfo, toConnection } from './pagination';
export type { SubgraphContext } from './subgraph-context';
export { createSubgraphService, type SubgraphService, type SubgraphServiceOptions } from './subgraph-service';
export { createMigrations, createScratchPostgresDatabase, type MigrationToolOptions, pendingSchemaChanges } from './migration-tool';
export { type SubgraphEnvironment, subgraphEnvironmentSchema } from './subgraph-environment';
export { contextKeySourceOf, createSubgraphRuntime, subgraphTlsOf, type SubgraphRuntime, type SubgraphRuntimeOptions } from './subgraph-runtime';
export { applyAuthorization, hasRole, hasScope, hasTenant, isAuthenticated, isPublic, isService, ROLES, type Role } from './authorization';
export { and, or, not, allow, deny, rule, chain } from 'graphql-shield';
export { ALL_TENANTS, forkWithTenantScope, TENANT_FILTER, type TenantScope, TenantScoped, TenantScopeViolation, tenantScopeOf, tenantScopeOfEntityManager } from './tenant-scope';
export { createInfrastructure, type Infrastructure, type InfrastructureOptions } from './infrastructure';
export { runSubgraph } from './run-subgraph';
export { createLiveFeed, type LiveFeed, type LiveFeedOptions } from './live-feed';
export type { SubscriptionServer } from './subscription-server';
export { createSharedSubscribe, type ExecutionKey, type SharedSubscribe } from './shared-execution';
