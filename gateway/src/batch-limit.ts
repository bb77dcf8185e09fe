import { AppError, type GraphQLIntercept, sendGraphQLError } from '@academy/service-kit';

/**
 * Refuses a batched request (a JSON array) with more than `max` operations before anything runs;
 * with batching off (`max` 0) Apollo Server refuses every batch itself.
 */
export function withBatchLimit(max: number, next: GraphQLIntercept): GraphQLIntercept {
  return async (req, res, requestId, body, rawBody) => {
    if (max > 0 && Array.isArray(body) && body.length > max) {
      sendGraphQLError(res, new AppError('BAD_REQUEST', `A batch may hold at most ${max} operations; got ${body.length}`));
      return true;
    }
    return next(req, res, requestId, body, rawBody);
  };
}
