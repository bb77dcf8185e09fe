import {
  ConfigError,
  type ContextKeySource,
  createContextTokenVerifier,
  createMetricsRegistry,
  type HttpServiceTls,
  type Logger,
  type ReadinessCheck,
  type Registry,
} from '@academy/service-kit';
import type { MigrationObject } from '@mikro-orm/core';
import type { GraphQLSchema } from 'graphql';
import { createDatabase, type Database, type DatabaseDialect, type DatabaseOptions } from './database';
import { createInfrastructure, type Infrastructure } from './infrastructure';
import type { ExecutionKey } from './shared-execution';
import type { SubgraphContext } from './subgraph-context';
import type { SubgraphEnvironment } from './subgraph-environment';
import { createSubgraphService, type SubgraphService } from './subgraph-service';

export interface SubgraphRuntimeOptions<TContext extends SubgraphContext> {
  service: string;
  env: SubgraphEnvironment;
  logger: Logger;
  schema: GraphQLSchema;
  entities: DatabaseOptions['entities'];
  migrations: Record<DatabaseDialect, MigrationObject[]>;
  /** Tables the service manages at run time, which the ORM's schema diff ignores. @default [] */
  unmanagedTables?: DatabaseOptions['unmanagedTables'];
  /** The embedded default hands the gateway's key over in-process; otherwise from env. */
  contextKeys?: ContextKeySource;
  /** Checks beyond the database, the bus and the store. */
  readiness?: ReadinessCheck[];
  /** Shared bus and store (the embedded default); otherwise made from AMQP_URL/REDIS_URL and owned here. */
  infrastructure?: Infrastructure;
  /** The service's metrics, served at `/metrics`. @default a registry of its own, with process metrics */
  metrics?: Registry;
  extendContext: (base: SubgraphContext, runtime: { database: Database; infrastructure: Infrastructure }) => TContext;
  /** What a subscription event's result may depend on in the context; equal keys share one execution per event. @default no sharing */
  subscriptionExecutionKey?: ExecutionKey<TContext>;
}

export interface SubgraphRuntime {
  /** What `/metrics` serves; the service adds its own families. */
  metrics: Registry;
  database: Database;
  infrastructure: Infrastructure;
  service: SubgraphService;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export function contextKeySourceOf(env: SubgraphEnvironment): ContextKeySource {
  if (env.CONTEXT_TOKEN_KEY) return { audienceKey: Buffer.from(env.CONTEXT_TOKEN_KEY, 'base64url') };
  return env.CONTEXT_TOKEN_PUBLIC_KEY ? { publicPem: env.CONTEXT_TOKEN_PUBLIC_KEY } : { jwksUrl: env.CONTEXT_TOKEN_JWKS_URL };
}

/** HTTPS (and mTLS with TLS_CLIENT_CA) when TLS_CERT/TLS_KEY are set; pairing is checked here, see the schema. */
export function subgraphTlsOf(service: string, env: SubgraphEnvironment): HttpServiceTls | undefined {
  const problems = [
    ...((env.TLS_CERT === undefined) !== (env.TLS_KEY === undefined) ? ['TLS_KEY: set TLS_CERT and TLS_KEY together, or neither'] : []),
    ...(env.TLS_CLIENT_CA !== undefined && env.TLS_CERT === undefined ? ['TLS_CLIENT_CA: client certificates need TLS_CERT and TLS_KEY too'] : []),
  ];
  if (problems.length) throw new ConfigError(service, problems);
  return env.TLS_CERT && env.TLS_KEY ? { cert: env.TLS_CERT, key: env.TLS_KEY, clientCa: env.TLS_CLIENT_CA } : undefined;
}

/** Database (migrated), context-token verifier and HTTP service of one subgraph, closed in reverse. */
export async function createSubgraphRuntime<TContext extends SubgraphContext>(options: SubgraphRuntimeOptions<TContext>): Promise<SubgraphRuntime> {
  const { service: name, env, logger } = options;
  const tls = subgraphTlsOf(name, env);
  const ownsInfrastructure = options.infrastructure === undefined;
  const metrics = options.metrics ?? createMetricsRegistry(name);
  const infrastructure = options.infrastructure ?? (await createInfrastructure({ amqpUrl: env.AMQP_URL, redisUrl: env.REDIS_URL, logger, metrics }));
  let database: Database | undefined;
  try {
    const db = await createDatabase({
      service: name,
      entities: options.entities,
      databaseUrl: env.DATABASE_URL,
      sqlitePath: env.SQLITE_PATH,
      migrations: options.migrations,
      unmanagedTables: options.unmanagedTables,
      logger,
    });
    database = db;
    const verifier = await createContextTokenVerifier(options.contextKeys ?? contextKeySourceOf(env), name);
    const service = await createSubgraphService({
      name,
      schema: options.schema,
      logger,
      orm: db.orm,
      verifier,
      extendContext: (base) => options.extendContext(base, { database: db, infrastructure }),
      readiness: [db.readiness(), ...infrastructure.readiness(), ...(options.readiness ?? [])],
      exposeErrorDetails: env.NODE_ENV === 'development',
      tls,
      metrics,
      metricsToken: env.METRICS_TOKEN,
      subscriptionExecutionKey: options.subscriptionExecutionKey,
    });
    return {
      metrics,
      database: db,
      infrastructure,
      service,
      listen: (port = env.PORT, host = env.HOST) => service.listen(port, host),
      close: async () => {
        await service.close();
        await db.close();
        if (ownsInfrastructure) await infrastructure.close();
      },
    };
  } catch (error) {
    await database?.close();
    if (ownsInfrastructure) await infrastructure.close();
    throw error;
  }
}
