export { type GraphQLResponse, postGraphQL } from './graphql-client';
export { signContextToken, testPrincipal } from './principal';
export { type ServiceUrls, testServices } from './services';
export { startTcpProxy, type TcpProxy } from './tcp-proxy';
export { parseExposition, type Sample, scrape, total } from './metrics';
export { type SubgraphSubscriber, subscribeToSubgraph } from './subgraph-subscriber';
