import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '@academy/service-kit';
import type { ApolloServer } from '@apollo/server';
import { type DocumentNode, type ExecutionArgs, type ExecutionResult, GraphQLError, getOperationAST, OperationTypeNode, parse, print, validate } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GatewayContext } from '../context';
import { GRAPHQL_PATH, TENANT_GRAPHQL_PATH } from '../routes';
import { credentialExpiryOf } from './credential-expiry';
import type { SubscriptionEngine } from './subscription-engine';

export interface WsTransportOptions {
  server: Server;
  engine: SubscriptionEngine;
  /** Queries and mutations sent over the socket run through Apollo Server, plugins (limits) included. */
  apollo: ApolloServer<GatewayContext>;
  /** Resolves the tenant and authenticates the connection; throws the refusal. */
  contextFor: (req: IncomingMessage, pathSlug: string | undefined, requestId: string) => Promise<GatewayContext>;
  /** `/t/<slug>/graphql` too (the path tenant strategy). */
  tenantPaths: boolean;
  logger: Logger;
  /** Ping interval; a client that stops answering is dropped. @default 12_000 */
  keepAliveMs?: number;
}

interface Connection {
  context: GatewayContext;
  expiresAt: number | null;
}

/** What `onSubscribe` prepared for one operation; the subscribe/execute hooks only read it. */
interface OperationValue {
  gateway: GatewayContext;
  source: string;
  stream?: AsyncIterableIterator<ExecutionResult>;
}

/** WebSocket close reasons are limited to 123 bytes. */
const MAX_REASON = 120;

/** `connection_init` payload entries (`Authorization`, `X-Api-Key`, `X-Tenant-Id`, …) as header values over the upgrade request's. */
function headersWith(base: IncomingHttpHeaders, params: Record<string, unknown> | undefined): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = { ...base };
  for (const [name, value] of Object.entries(params ?? {})) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
  }
  return headers;
}

function closeCodeOf(error: GraphQLError): number {
  return error.extensions.code === 'UNAUTHENTICATED' ? CloseCode.Unauthorized : CloseCode.Forbidden;
}

function withOperationRequestId(context: GatewayContext): GatewayContext {
  const requestId = randomUUID();
  return { ...context, requestId, principal: { ...context.principal, requestId }, logger: context.logger.child({ requestId }) };
}

/**
 * graphql-ws (`graphql-transport-ws`) on `/graphql`, the protocol Apollo Sandbox and Apollo Client
 * use. Credentials come in the `connection_init` payload (or the upgrade's headers); a refused
 * connection is closed with 4401/4403 and the reason `<CODE>: <message>`. A refused operation gets
 * an `error` message with the code in `extensions`, as over HTTP.
 */
export function createWsTransport({ server, engine, apollo, contextFor, tenantPaths, logger, keepAliveMs = 12_000 }: WsTransportOptions) {
  const wss = new WebSocketServer({ noServer: true });
  const connections = new WeakMap<object, Connection>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path !== GRAPHQL_PATH && !(tenantPaths && TENANT_GRAPHQL_PATH.test(path))) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);

  const disposable = useServer(
    {
      onConnect: async (ctx) => {
        const upgrade = ctx.extra.request;
        const headers = headersWith(upgrade.headers, ctx.connectionParams);
        // The upgrade request with the payload's headers: what authentication and tenant resolution read.
        const req = Object.assign(Object.create(upgrade) as IncomingMessage, { headers });
        const path = (upgrade.url ?? '/').split('?', 1)[0];
        const slug = TENANT_GRAPHQL_PATH.exec(path)?.[1];
        try {
          const context = await contextFor(req, slug === undefined ? undefined : decodeURIComponent(slug), randomUUID());
          connections.set(ctx.extra, { context, expiresAt: credentialExpiryOf(headers) });
          return true;
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          ctx.extra.socket.close(closeCodeOf(error), `${String(error.extensions.code)}: ${error.message}`.slice(0, MAX_REASON));
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        const connection = connections.get(ctx.extra);
        if (!connection) return [new GraphQLError('The connection is not acknowledged', { extensions: { code: 'UNAUTHENTICATED' } })];
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [new GraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const schema = engine.schema();
        const invalid = validate(schema, document);
        if (invalid.length) return invalid.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        const operationName = payload.operationName ?? undefined;
        const variables = (payload.variables ?? undefined) as Record<string, unknown> | undefined;
        const gateway = withOperationRequestId(connection.context);
        const value: OperationValue = { gateway, source: payload.query };
        if (getOperationAST(document, operationName)?.operation === OperationTypeNode.SUBSCRIPTION) {
          try {
            value.stream = await engine.subscribe({ document, variables, operationName, context: gateway, expiresAt: connection.expiresAt });
          } catch (error) {
            if (error instanceof GraphQLError) return [error];
            throw error;
          }
        }
        return { schema, document, variableValues: variables, operationName, contextValue: value };
      },
      subscribe: (args) => (args.contextValue as OperationValue).stream as AsyncIterableIterator<ExecutionResult>,
      execute: async (args) => {
        const { gateway, source } = args.contextValue as OperationValue;
        const response = await apollo.executeOperation(
          { query: source || print(args.document), variables: args.variableValues as Record<string, unknown>, operationName: args.operationName ?? undefined },
          { contextValue: gateway },
        );
        if (response.body.kind !== 'single') return { errors: [new GraphQLError('Incremental delivery is not supported over graphql-ws')] };
        return response.body.singleResult as ExecutionResult;
      },
      onError: (_ctx, id, _payload, errors) => logger.debug({ operationId: id, errors: errors.map((e) => e.message) }, 'graphql-ws operation refused'),
    },
    wss,
    keepAliveMs,
  );

  return {
    /** Open client sockets (tests count them to prove nothing leaks). */
    connections: () => wss.clients.size,
    /** Stops accepting upgrades and closes every socket (1001); subscriptions end first via the engine. */
    async close(): Promise<void> {
      server.off('upgrade', onUpgrade);
      await disposable.dispose();
    },
  };
}
