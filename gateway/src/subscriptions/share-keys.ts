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
  /** Forgets every key and which subgraphs answered errors (on a supergraph change). */
  reset(): void;
}

/**
 * Asks the subscription's subgraph, once per principal (all but the request id) and `ttlMs`, which
 * clients it would stream identically to. Only the subgraph knows what its filters and resolvers read:
 * the gateway never assumes that two principals are interchangeable. A key is a pure function of the
 * principal, so keeping it for a minute is exact; the bound only caps memory.
 */
export function createShareKeys({ dataSources, logger, ttlMs = 60_000, maxEntries = 10_000 }: ShareKeysOptions): ShareKeys {
  const cache = new Map<string, { key: Promise<string | null>; until: number }>();
  /** Subgraphs that answered the question with errors (they do not offer the field): not asked again until a reset. */
  const refusing = new Set<string>();

  const ask = async (serviceName: string, context: GatewayContext): Promise<string | null> => {
    const source = dataSources()[serviceName];
    if (!source || refusing.has(serviceName)) return null;
    try {
      const response = await source.process({
        kind: 'incoming operation',
        request: { query: SHARE_KEY_QUERY, operationName: 'SubscriptionShareKey', variables: {} },
        context,
        incomingRequestContext: { request: {}, context } as never,
      } as GraphQLDataSourceProcessOptions);
      const key = (response.data as Record<string, unknown> | null | undefined)?.[SHARE_KEY_FIELD];
      if (response.errors?.length) {
        refusing.add(serviceName);
        logger.warn({ subgraph: serviceName, errors: response.errors.map((e) => e.message) }, 'the subgraph refused the share-key question; its subscriptions are shared per principal only');
      }
      return typeof key === 'string' && key !== '' ? key : null;
    } catch (error) {
      logger.warn({ err: error, subgraph: serviceName }, 'could not ask the subgraph for a share key; the subscription is not shared');
      return null;
    }
  };

  return {
    get(serviceName, context) {
      const id = JSON.stringify([serviceName, { ...context.principal, requestId: null }]);
      const now = Date.now();
      const cached = cache.get(id);
      if (cached && cached.until > now) return cached.key;
      const key = ask(serviceName, context);
      cache.delete(id);
      cache.set(id, { key, until: now + ttlMs });
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      // A failed question is asked again next time rather than remembered.
      void key.then((value) => {
        if (value === null && cache.get(id)?.key === key) cache.delete(id);
      });
      return key;
    },
    reset() {
      cache.clear();
      refusing.clear();
    },
  };
}
