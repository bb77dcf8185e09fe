import { createHash } from 'node:crypto';
import type { ApolloGateway } from '@apollo/gateway';
import type { GatewayContext } from './context';
import { propagatedHeaders } from './transforms';

type Executor = ApolloGateway['executor'];
type ExecutionResult = Awaited<ReturnType<Executor>>;

/**
 * Identical queries in flight at the same moment run once: the second waits for the first's result.
 * The key holds everything the result may depend on — the document and operation, the variables,
 * the whole principal (tenant, subject, roles, scopes, method) and the client headers the tenant forwards — so a result is never shared across
 * tenants or callers. Mutations and subscriptions always run. Each waiter gets its own copy of the
 * result's top level, since plugins add per-request extensions (cost) to it.
 */
export function deduplicateInflight(executor: Executor): Executor {
  const inflight = new Map<string, Promise<ExecutionResult>>();
  return async (requestContext) => {
    if (requestContext.operation?.operation !== 'query') return executor(requestContext);
    const { principal, tenant } = requestContext.context as unknown as GatewayContext;
    const forwarded = propagatedHeaders(tenant).map((name) => requestContext.request.http?.headers.get(name) ?? null);
    const key = createHash('sha256')
      .update(requestContext.queryHash)
      .update('\0')
      .update(requestContext.request.operationName ?? '')
      .update('\0')
      .update(JSON.stringify(requestContext.request.variables ?? {}))
      .update('\0')
      .update(JSON.stringify({ ...principal, requestId: null }))
      .update('\0')
      .update(JSON.stringify(forwarded))
      .digest('base64url');
    let shared = inflight.get(key);
    if (!shared) {
      shared = executor(requestContext).finally(() => inflight.delete(key));
      inflight.set(key, shared);
    }
    const result = await shared;
    return { ...result };
  };
}
