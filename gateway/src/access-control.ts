import { createKeyValueStore, type KeyValueStore } from '@academy/cache';
import { createEventBus, type EventBus, type Unsubscribe } from '@academy/event-bus';
import type { ContextTokenSigner, Logger, ReadinessCheck, Registry } from '@academy/service-kit';
import { DEVELOPMENT_JWT_HS256_SECRET, type GatewayEnvironment } from './environment';
import { createApiKeyVerifier } from './plugins/api-key-verifier';
import { createAuthEvents } from './plugins/auth-events';
import { createHmacVerifier } from './plugins/hmac-verifier';
import { createJwtVerifier, type JwtVerifier } from './plugins/jwt-verifier';
import { createMultiTenantBinding, createSingleTenantBinding } from './plugins/tenant-binding';
import { type Authenticate, useAuthentication } from './plugins/use-authentication';
import { useCacheInvalidation } from './plugins/use-cache-invalidation';
import { useTenantResolution } from './plugins/use-tenant-resolution';
import type { ResolveRequestTenant } from './routes';
import type { SubgraphAgent } from './subgraph-fetcher';
import { createApiKeyDirectory } from './tenancy/api-key-directory';
import { createTenancyClient } from './tenancy/tenancy-client';
import { createTenantDirectory } from './tenancy/tenant-directory';

/** The shared servers the gateway needs in multi-tenant mode; any subgraph-kit `Infrastructure` fits. */
export interface GatewayInfrastructure {
  bus: EventBus;
  store: KeyValueStore;
}

export interface AccessControlOptions {
  env: GatewayEnvironment;
  /** @default made from REDIS_URL/AMQP_URL (multi mode only) and closed with the gateway */
  infrastructure?: GatewayInfrastructure;
  signer: ContextTokenSigner;
  agent: SubgraphAgent;
  /** The tenancy subgraph's routing URL, read at each lookup (it follows supergraph reloads). */
  tenancyUrl: () => string | undefined;
  logger: Logger;
  /** Counts the bus the gateway makes for itself (a given infrastructure counts its own). @default not counted */
  metrics?: Registry;
}

/** Tenant resolution and authentication, as the configured mode needs them. */
export interface AccessControl {
  /** Multi-tenant mode only. */
  resolveTenant?: ResolveRequestTenant;
  tenantPaths: boolean;
  authenticate: Authenticate;
  readiness: ReadinessCheck[];
  /** The shared store (multi-tenant mode), which per-tenant budgets also use. */
  store?: KeyValueStore;
  /** The shared bus (multi-tenant mode), which the usage log also uses. */
  bus?: EventBus;
  close(): Promise<void>;
}

function jwtVerifierOf(env: GatewayEnvironment, logger: Logger): JwtVerifier | null {
  if (env.JWT_ALGORITHMS.length === 0) return null;
  if (env.JWT_HS256_SECRET === DEVELOPMENT_JWT_HS256_SECRET && env.JWT_ALGORITHMS.includes('HS256')) {
    logger.warn('HS256 tokens are verified with the public development secret (JWT_HS256_SECRET unset): anyone can mint them; fine for development only');
  }
  return createJwtVerifier({
    algorithms: env.JWT_ALGORITHMS,
    hs256Secret: env.JWT_HS256_SECRET,
    jwksUrls: env.JWT_JWKS_URLS,
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    clockToleranceSeconds: env.JWT_CLOCK_TOLERANCE_SECONDS,
    jwksCooldownSeconds: env.JWT_JWKS_COOLDOWN_SECONDS,
    claims: { tenant: env.JWT_TENANT_CLAIM, roles: env.JWT_ROLES_CLAIM, scope: env.JWT_SCOPE_CLAIM },
    logger,
  });
}

export async function createAccessControl({ env, infrastructure, signer, agent, tenancyUrl, logger, metrics }: AccessControlOptions): Promise<AccessControl> {
  const jwt = jwtVerifierOf(env, logger.child({ component: 'jwt' }));
  if (env.TENANCY_MODE === 'single') {
    return { tenantPaths: false, authenticate: useAuthentication({ jwt, apiKeys: null, hmac: null, binding: createSingleTenantBinding(env.SINGLE_TENANT_ID) }), readiness: [], close: async () => {} };
  }

  const owned = infrastructure === undefined;
  const store = infrastructure?.store ?? createKeyValueStore({ redisUrl: env.REDIS_URL, logger });
  let bus: EventBus;
  try {
    bus = infrastructure?.bus ?? (await createEventBus({ amqpUrl: env.AMQP_URL, logger, metrics }));
  } catch (error) {
    if (owned) await store.close();
    throw error;
  }
  const client = createTenancyClient({ url: tenancyUrl, signer, agent, timeoutMs: Math.min(env.SUBGRAPH_TIMEOUT_MS, 5_000), logger: logger.child({ component: 'tenancy-client' }) });
  const tenants = createTenantDirectory({ client, store, ttlMs: env.TENANT_CACHE_TTL_MS, negativeTtlMs: env.TENANT_NEGATIVE_CACHE_TTL_MS, logger });
  const apiKeys = createApiKeyDirectory({ client, ttlMs: env.API_KEY_CACHE_TTL_MS, negativeTtlMs: env.TENANT_NEGATIVE_CACHE_TTL_MS, logger });
  let unsubscribe: Unsubscribe;
  try {
    unsubscribe = await useCacheInvalidation({ bus, tenants, apiKeys, logger: logger.child({ component: 'cache-invalidation' }) });
  } catch (error) {
    if (owned) await Promise.allSettled([bus.close(), store.close()]);
    throw error;
  }
  const resolution = useTenantResolution({
    directory: tenants,
    strategies: env.TENANT_STRATEGIES,
    baseDomain: env.TENANT_BASE_DOMAIN,
    gatewayHostnames: env.GATEWAY_HOSTNAMES,
  });
  const authenticate = useAuthentication({
    jwt,
    apiKeys: createApiKeyVerifier(apiKeys),
    hmac: createHmacVerifier({ directory: apiKeys, store, maxSkewSeconds: env.HMAC_MAX_SKEW_SECONDS, nonceTtlSeconds: env.HMAC_NONCE_TTL_SECONDS, logger }),
    binding: createMultiTenantBinding(resolution),
    events: createAuthEvents({ bus, store, logger }),
  });
  return {
    resolveTenant: (req, pathSlug, requestId) => resolution.fromRequest({ headers: req.headers, pathSlug }, requestId),
    tenantPaths: env.TENANT_STRATEGIES.includes('path'),
    authenticate,
    store,
    bus,
    readiness: [bus.readiness(), store.readiness()],
    async close() {
      await unsubscribe();
      if (owned) await Promise.allSettled([bus.close(), store.close()]);
    },
  };
}
