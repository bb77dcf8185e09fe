/**
 * Serves the four benchmark subgraphs on loopback, each on its own port, from one process. The HTTP
 * layer is deliberately thin (node:http; each distinct query parsed, validated and compiled once by
 * graphql-jit): the subgraphs share the machine with the gateways, and every microsecond they spend
 * is one a gateway does not get. The public benchmark's subgraphs are Rust (async-graphql) for the
 * same reason.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ExecutionResult, type GraphQLSchema, parse, validate } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
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
  const compiled = new Map<string, CompiledQuery | readonly { message: string }[]>();
  const compiledOf = (query: string, operationName: string | undefined) => {
    const key = `${operationName ?? ''}\n${query}`;
    let cached = compiled.get(key);
    if (!cached) {
      try {
        const document = parse(query);
        const errors = validate(schema, document);
        if (errors.length) cached = errors;
        else {
          const result = compileQuery(schema, document, operationName);
          cached = isCompiledQuery(result) ? result : (result.errors ?? [{ message: 'could not compile the query' }]);
        }
      } catch (error) {
        cached = [error as Error];
      }
      if (compiled.size >= MAX_CACHED_DOCUMENTS) compiled.clear();
      compiled.set(key, cached);
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
    const query = compiledOf(body.query, body.operationName ?? undefined);
    if (Array.isArray(query)) return send(400, { errors: query.map((e) => ({ message: e.message })) });
    const result = (await (query as CompiledQuery).query(undefined, {}, body.variables ?? {})) as ExecutionResult;
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
