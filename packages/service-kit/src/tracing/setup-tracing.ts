import { context, propagation, type TextMapGetter, type TextMapSetter, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  type SpanExporter,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { setLogMixin } from '../logger';

export interface TracingOptions {
  /** `service.name` of the exported spans (the embedded default names the process). */
  serviceName: string;
  /** OTLP/HTTP collector base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<url>/v1/traces`. @default no export */
  endpoint?: string;
  /** Share of new traces recorded (TRACE_SAMPLE_RATIO); callers' sampled traces are followed. @default 1 */
  sampleRatio?: number;
  /** Exports here instead, span by span (tests: an in-memory exporter). @default the OTLP exporter, batched */
  exporter?: SpanExporter;
}

let contextReady = false;
let provider: BasicTracerProvider | undefined;

/**
 * W3C trace context in and out of every service, always: a `traceparent` that arrives is passed on to
 * subgraphs and events even when nothing is exported. Idempotent, since the embedded default runs
 * every service in one process.
 */
export function enableTraceContext(): void {
  if (contextReady) return;
  contextReady = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  // Every log line written inside a traced request names its trace, so logs and traces join up.
  setLogMixin(() => {
    const span = trace.getActiveSpan()?.spanContext();
    return span && trace.isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {};
  });
}

/**
 * Records spans and exports them over OTLP (or to `exporter`); without an endpoint or exporter it
 * only enables trace context. One provider per process: a second call returns the first one's.
 */
export function setupTracing({ serviceName, endpoint, sampleRatio = 1, exporter }: TracingOptions): { shutdown(): Promise<void> } {
  enableTraceContext();
  if (!endpoint && !exporter) return { shutdown: async () => {} };
  if (!provider) {
    const processor = exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint!.replace(/\/$/, '')}/v1/traces` }));
    provider = new BasicTracerProvider({
      resource: new Resource({ 'service.name': serviceName }),
      sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(sampleRatio) }),
      spanProcessors: [processor],
    });
    trace.setGlobalTracerProvider(provider);
  }
  const current = provider;
  return {
    shutdown: async () => {
      await current.shutdown();
      if (provider === current) {
        trace.disable();
        provider = undefined;
      }
    },
  };
}

/** Reads and writes trace headers on Node's incoming headers and on plain records (events, fetches). */
export const headerGetter: TextMapGetter<Record<string, string | string[] | undefined>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key.toLowerCase()] ?? carrier[key];
    return Array.isArray(value) ? value[0] : value;
  },
};

export const headerSetter: TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};
