import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, type Logger, sendJson } from '@academy/service-kit';
import { type DocumentNode, GraphQLError, getOperationAST, OperationTypeNode, parse, validate } from 'graphql';
import type { GatewayContext } from '../context';
import { credentialExpiryOf } from './credential-expiry';
import { pipeResults, streamWriterFor } from './stream-writers';
import type { SubscriptionEngine } from './subscription-engine';

export interface HttpSubscriptionsOptions {
  engine: SubscriptionEngine;
  /** Authenticates like any GraphQL request (the routes have resolved the tenant). */
  context: (req: IncomingMessage, requestId: string, rawBody: string) => Promise<GatewayContext>;
  logger: Logger;
}

interface GraphQLParams {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

const MENTIONS_SUBSCRIPTION = /\bsubscription\b/;

function paramsOf(req: IncomingMessage, body: unknown): GraphQLParams | undefined {
  if (req.method === 'POST') {
    if (typeof body !== 'object' || body === null) return undefined;
    const { query, variables, operationName } = body as Record<string, unknown>;
    if (typeof query !== 'string') return undefined;
    return {
      query,
      variables: typeof variables === 'object' && variables !== null ? (variables as Record<string, unknown>) : undefined,
      operationName: typeof operationName === 'string' ? operationName : undefined,
    };
  }
  const search = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
  const query = search.get('query');
  if (query === null) return undefined;
  let variables: Record<string, unknown> | undefined;
  try {
    variables = search.has('variables') ? JSON.parse(search.get('variables') as string) : undefined;
  } catch {
    return undefined; // Apollo Server answers the malformed variables.
  }
  return { query, variables, operationName: search.get('operationName') ?? undefined };
}

/** The subscription operation a request carries, or undefined (Apollo Server serves everything else). */
function subscriptionOf(params: GraphQLParams): DocumentNode | undefined {
  if (!MENTIONS_SUBSCRIPTION.test(params.query)) return undefined;
  let document: DocumentNode;
  try {
    document = parse(params.query);
  } catch {
    return undefined; // Apollo Server reports the syntax error.
  }
  return getOperationAST(document, params.operationName)?.operation === OperationTypeNode.SUBSCRIPTION ? document : undefined;
}

function sendErrors(res: ServerResponse, errors: readonly GraphQLError[]): void {
  const [first] = errors;
  const http = first.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
  const headers = Object.fromEntries(http?.headers ?? []);
  sendJson(
    res,
    http?.status ?? 400,
    { errors: errors.map(({ message, extensions: { http: _http, ...extensions } }) => ({ message, extensions })) },
    headers,
  );
}

/**
 * Subscriptions over plain HTTP: Apollo's multipart protocol or SSE, chosen by `Accept`. Runs after
 * the body is read and before Apollo Server, which cannot execute subscriptions; refusals (auth,
 * limits, validation) are ordinary JSON error responses with their HTTP status, before any streaming.
 */
export function createHttpSubscriptions({ engine, context, logger }: HttpSubscriptionsOptions) {
  return async (req: IncomingMessage, res: ServerResponse, requestId: string, body: unknown, rawBody: string): Promise<boolean> => {
    const params = paramsOf(req, body);
    const document = params && subscriptionOf(params);
    if (!params || !document) return false;
    const writer = streamWriterFor(req.headers.accept);
    if (!writer) {
      sendErrors(res, [
        new AppError('SUBSCRIPTION_NOT_ACCEPTABLE', 'Subscriptions over HTTP need `Accept: multipart/mixed;subscriptionSpec="1.0"` or `Accept: text/event-stream`; or use graphql-ws on this URL'),
      ]);
      return true;
    }
    try {
      const contextValue = await context(req, requestId, rawBody);
      const invalid = validate(engine.schema(), document);
      if (invalid.length) {
        sendErrors(res, invalid.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })));
        return true;
      }
      const results = await engine.subscribe({
        document,
        variables: params.variables,
        operationName: params.operationName,
        context: contextValue,
        expiresAt: credentialExpiryOf(req.headers),
      });
      await pipeResults(results, res, writer);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      if (res.headersSent) {
        logger.warn({ err: error, requestId }, 'subscription failed after streaming started');
        res.destroy();
      } else sendErrors(res, [error]);
    }
    return true;
  };
}
