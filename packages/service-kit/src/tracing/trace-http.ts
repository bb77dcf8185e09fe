import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { headerGetter } from './setup-tracing';

/**
 * Runs `handle` inside a SERVER span that continues the caller's trace (`traceparent`), named by the
 * route; the span ends when the response finishes. Without a tracer provider this costs next to nothing.
 */
export async function traceHttpRequest(service: string, req: IncomingMessage, res: ServerResponse, route: string, handle: () => Promise<void>): Promise<void> {
  const parent = propagation.extract(context.active(), req.headers, headerGetter);
  const span = trace.getTracer(service).startSpan(
    `${req.method ?? 'GET'} ${route}`,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? 'GET', 'http.route': route, 'academy.service': service } },
    parent,
  );
  const end = () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  res.once('close', end);
  await context.with(trace.setSpan(parent, span), handle);
}
