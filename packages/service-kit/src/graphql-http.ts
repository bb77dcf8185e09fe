import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { sendJson } from './http-server';

/** Sees a request once its body is read and parsed; resolves true when it answered the request itself. */
export type GraphQLIntercept = (req: IncomingMessage, res: ServerResponse, requestId: string, body: unknown, rawBody: string) => Promise<boolean>;

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  /** `rawBody` is the body exactly as read ('' for GET), for checks that sign it (HMAC request signatures). */
  context: (req: IncomingMessage, requestId: string, rawBody: string) => Promise<TContext>;
  /** Requests with a larger body are refused with 413 before parsing. @default 2_000_000 (Apollo Router's default) */
  maxBodyBytes?: number;
  /**
   * Sees each request once its body is read and parsed, before Apollo Server; resolves true when it
   * answered the request itself (the gateway streams subscriptions this way). @default none
   */
  intercept?: GraphQLIntercept;
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      req.resume();
      return reject(new BodyError(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds ${limit} bytes`));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyError(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(req: IncomingMessage, raw: string): unknown {
  if (req.method !== 'POST') return undefined;
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('json')) return raw; // Apollo Server answers non-JSON bodies with its own 400.
  if (raw.trim() === '') throw new BodyError(400, 'BAD_REQUEST', 'Request body is empty; expected a JSON GraphQL request');
  try {
    return JSON.parse(raw);
  } catch {
    throw new BodyError(400, 'BAD_REQUEST', 'Request body is not valid JSON');
  }
}

/** Serves an Apollo Server over Node's http module: body limit, JSON parsing errors with codes, streaming responses. */
export function createGraphQLHttpHandler<TContext extends BaseContext>({
  server,
  context,
  maxBodyBytes = 2_000_000,
  intercept,
}: GraphQLHttpOptions<TContext>) {
  return async (req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> => {
    let body: unknown;
    let raw: string;
    try {
      raw = await readBody(req, maxBodyBytes);
      body = parseBody(req, raw);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      return sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: error.code } }] });
    }
    if (intercept && (await intercept(req, res, requestId, body, raw))) return;
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '/';
    const queryIndex = url.indexOf('?');
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: queryIndex >= 0 ? url.slice(queryIndex) : '', body },
      context: () => context(req, requestId, raw),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) {
      res.write(chunk);
    }
    res.end();
  };
}
