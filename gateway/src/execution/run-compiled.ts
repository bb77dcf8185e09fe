import type { PlanNode } from '@apollo/query-planner';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';
import { executePlan, type PlanRun } from './plan-executor';
import type { ResponseShaper } from './response-shaper';

/** A response as Apollo's executor builds it: fetch errors in `errors`, shaping errors in `extensions.valueCompletion`. */
export interface CompiledResult {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLError[];
  extensions?: Record<string, unknown>;
}

const tracer = trace.getTracer('gateway');

/** Each subgraph call as a `gateway.fetch` span (Apollo's name), so traces look the same with either executor. */
function traceFetch<T>(serviceName: string, send: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan('gateway.fetch', { kind: SpanKind.CLIENT, attributes: { service: serviceName } }, async (span) => {
    try {
      return await send();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Runs a compiled operation's plan (none: an operation of `__typename` only) and shapes the result. */
export async function runCompiled(node: PlanNode | undefined, shaper: ResponseShaper, run: Omit<PlanRun, 'traceFetch'>): Promise<CompiledResult> {
  const { data, errors } = node ? await executePlan(node, { ...run, traceFetch }) : { data: Object.create(null), errors: [] };
  let shaped: ReturnType<ResponseShaper>;
  try {
    shaped = shaper(data, run.requestContext.request.variables);
  } catch (error) {
    return { errors: [new GraphQLError((error as Error).message, { originalError: error as Error })] };
  }
  if (errors.length) return { errors, data: shaped.data };
  if (shaped.errors.length) return { extensions: { valueCompletion: shaped.errors }, data: shaped.data };
  return { data: shaped.data };
}
