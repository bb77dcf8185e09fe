import type { IncomingMessage } from 'node:http';
import type { Operation } from '../faults';

export interface RouteRequest {
  req: IncomingMessage;
  params: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
}

export interface RouteResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * `bearer`: the API proper (a token from /oauth/token; faults apply); `client`: the token endpoint
 * itself (faults apply); `admin`: the sandbox's own controls (never faulted).
 */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: RegExp;
  access: 'bearer' | 'client' | 'admin';
  operation?: Operation;
  handle(request: RouteRequest): RouteResponse | Promise<RouteResponse>;
}
