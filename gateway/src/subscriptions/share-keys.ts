import type { Logger } from '@academy/service-kit';
import type { GraphQLDataSourceProcessOptions, ServiceMap } from '@apollo/gateway';
import type { GatewayContext } from '../context';

/** The internal field a subgraph that owns `Subscription` fields may offer (`@inaccessible`). */
export const SHARE_KEY_FIELD = 'subscriptionShareKey';
const SHARE_KEY_QUERY = `query SubscriptionShareKey { ${SHARE_KEY_FIELD} }`;

export interface ShareKeysOptions {
  /** The gateway's data sources by subgraph name: the question goes out like any subgraph call (context token, breaker, metrics). */
  dataSources: () => ServiceMap;
  logger: Logger;
  /** How long a principal's key is kept. @default 60000 */
  ttlMs?: number;
  /** Keys kept; past it the oldest is dropped. @default 10000 */
  maxEntries?: number;
}

export interface ShareKeys {
  /**
   * The subgraph's share key for the caller: callers with equal keys get identical streams from it for
   * the same document and variables. Null when the subgraph says "share with nobody", or the question
   * failed: then the caller's stream is shared only with the same principal, as without share keys.
   */
  get(serviceName: string, context: GatewayContext): Promise<string | null>;
  /** Forgets every key and which subgraphs offer none (on a supergraph change). */
  reset(): void;
}

/**
 * Asks the subscription's subgraph, once per principal (all but the request id) and `ttlMs`, which
 * clients it would stream identically to. Only the subgraph knows what its filters and resolvers read:
 * the gateway never assumes that two principals are interchangeable. A key is a pure function of the
 * principal, so keeping it for a minute is exact; the bound only caps memory.
 */
const isValidationFailure = (extensions: Record<string, unknown> | undefined) => extensions?.code === 'GRAPHQL_VALIDATION_FAILED';

export function createShareKeys({ dataSources, logger, ttlMs = 60_000, maxEntries = 10_000 }: ShareKeysOptions): ShareKeys {
  const cache = new Map<string, { key: Promise<string | null>; until: number }>();
  /** Subgraphs whose schema has no such field (validation refused the question): not asked again until a reset. */
  const notOffering = new Set<string>();

  /** The subgraph's answer (a legitimate null included); throws when the question failed. */
  const ask = async (serviceName: string, context: GatewayContext): Promise<string | null> => {
    const source = dataSources()[serviceName];
    if (!source || notOffering.has(serviceName)) return null;
    let response: Awaited<ReturnType<typeof source.process>>;
    try {
      response = await source.process({
        kind: 'incoming operation',
        request: { query: SHARE_KEY_QUERY, operationName: 'SubscriptionShareKey', variables: {} },
        context,
        incomingRequestContext: { request: {}, context } as never,
      } as GraphQLDataSourceProcessOptions);
    } catch (error) {
      // A subgraph without the field answers HTTP 400, which the data source throws with the subgraph's code.
      if (isValidationFailure((error as { extensions?: Record<string, unknown> }).extensions)) return refusedBy(serviceName);
      throw error;
    }
    const [error] = response.errors ?? [];
    if (error) {
      if (isValidationFailure(error.extensions)) return refusedBy(serviceName);
      throw new Error(`the subgraph answered the share-key question with an error: ${error.message}`);
    }
    const key = (response.data as Record<string, unknown> | null | undefined)?.[SHARE_KEY_FIELD];
    return typeof key === 'string' && key !== '' ? key : null;
  };

  const refusedBy = (serviceName: string): null => {
    notOffering.add(serviceName);
    logger.info({ subgraph: serviceName }, 'the subgraph offers no share key; its subscriptions are shared per principal only');
    return null;
  };

  return {
    get(serviceName, context) {
      const id = JSON.stringify([serviceName, { ...context.principal, requestId: null }]);
      const now = Date.now();
      const cached = cache.get(id);
      if (cached && cached.until > now) return cached.key;
      // A failed question answers null now and is asked again next time, not remembered.
      const key = ask(serviceName, context).catch((error: unknown) => {
        if (cache.get(id)?.key === key) cache.delete(id);
        logger.warn({ err: error, subgraph: serviceName }, 'could not ask the subgraph for a share key; the subscription is shared per principal only');
        return null;
      });
      cache.delete(id);
      cache.set(id, { key, until: now + ttlMs });
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      return key;
    },
    reset() {
      cache.clear();
      notOffering.clear();
    },
  };
}
