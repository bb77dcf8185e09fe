export { createHttpSubscriptions, type HttpSubscriptionsOptions } from './http-subscriptions';
export { createSubscriptionEngine, type EndReason, SCHEMA_RELOAD_MESSAGE, type SubscriptionEngine, type SubscriptionEngineOptions, type SubscriptionMetrics } from './subscription-engine';
export { createWsTransport, type WsTransportOptions } from './ws-transport';

export interface SubscriptionStats {
  /** Subscriptions open on this gateway. */
  active: number;
  /** Their graphql-ws sockets to subgraphs. */
  upstreams: number;
  /** Events dropped because a client read too slowly. */
  dropped: number;
  /** Client graphql-ws sockets. */
  sockets: number;
}
