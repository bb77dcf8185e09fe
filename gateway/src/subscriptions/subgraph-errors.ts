import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** A subgraph's errors as GraphQLErrors (transports serialize those), naming the subgraph as query errors do. */
export function errorsFrom(errors: readonly GraphQLFormattedError[], serviceName: string): GraphQLError[] {
  return errors.map(({ message, path, extensions }) => {
    // The subgraph's HTTP status is its own business; the client's is the transport's.
    const { http: _http, ...rest } = extensions ?? {};
    return new GraphQLError(message, { path, extensions: { ...rest, serviceName } });
  });
}
