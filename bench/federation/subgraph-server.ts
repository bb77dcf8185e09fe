/**
 * Serves the four benchmark subgraphs on loopback, each on its own port, from one process. The HTTP
 * layer is deliberately thin (node:http, graphql-js `execute`, documents parsed and validated once
 * per distinct query string): the subgraphs share the machine with the gateways, and every
 * microsecond they spend is one a gateway does not get.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DocumentNode, execute, type GraphQLSchema, parse, validate } from 'graphql';
import type { StartedService } from '../support';
import { generateData } from './data';
import { BENCH_SUBGRAPHS, type BenchSubgraphName, buildBenchSubgraphSchema } from './subgraph-schemas';

export interface BenchSubgraphsInfo {
  /** Name → `http://127.0.0.1:<port>/graphql`. */
  urls: Record<BenchSubgraphName, string>;
}

interface GraphQLBody {
  query?: unknown;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

const MAX_CACHED_DOCUMENTS = 1_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function serve(schema: GraphQLSchema): Server {
  const documents = new Map<string, DocumentNode | readonly Error[]>();
  const documentOf = (query: string) => {
    let cached = documents.get(query);
    if (!cached) {
      try {
        const document = parse(query);
        const errors = validate(schema, document);
        cached = errors.length ? errors : document;
      } catch (error) {
        cached = [error as Error];
      }
      if (documents.size >= MAX_CACHED_DOCUMENTS) documents.clear();
      documents.set(query, cached);
    }
    return cached;
  };

  return createServer(async (req, res) => {
    const send = (status: number, payload: unknown) => {
      const text = JSON.stringify(payload);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (req.method !== 'POST') return send(405, { errors: [{ message: 'POST only' }] });
    let body: GraphQLBody;
    try {
      body = JSON.parse(await readBody(req)) as GraphQLBody;
    } catch {
      return send(400, { errors: [{ message: 'malformed JSON' }] });
    }
    if (typeof body.query !== 'string') return send(400, { errors: [{ message: 'no query' }] });
    const document = documentOf(body.query);
    if (Array.isArray(document)) return send(400, { errors: document.map((e) => ({ message: e.message })) });
    const result = await execute({ schema, document: document as DocumentNode, variableValues: body.variables ?? undefined, operationName: body.operationName ?? undefined, contextValue: {} });
    send(200, result);
  });
}

/** Starter for `startInChild`: the four subgraphs on ephemeral loopback ports. */
export async function startBenchSubgraphs(): Promise<StartedService<BenchSubgraphsInfo>> {
  const data = generateData();
  const servers: Server[] = [];
  const urls = {} as Record<BenchSubgraphName, string>;
  for (const name of BENCH_SUBGRAPHS) {
    const server = serve(buildBenchSubgraphSchema(name, data));
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }
  return {
    info: { urls },
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
