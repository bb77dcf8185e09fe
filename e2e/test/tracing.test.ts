import type { EmbeddedSystem } from '@academy/embedded';
import { setupTracing } from '@academy/service-kit';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SpanKind } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, eventually, gql, hsToken, startAuthSystem } from './support/auth-system';

const exporter = new InMemorySpanExporter();
const tracing = setupTracing({ serviceName: 'e2e', exporter });
let system: EmbeddedSystem;

beforeAll(async () => {
  system = await startAuthSystem();
});

afterAll(async () => {
  await system?.close();
  await tracing.shutdown();
});

const scope = (span: ReadableSpan) => span.instrumentationLibrary.name;

describe('OpenTelemetry tracing', () => {
  it('follows one request from the gateway through a subgraph to the bus consumers of the event it published', async () => {
    const admin = bearer(await hsToken({ roles: ['platform_admin'] }));
    const slug = `trace-${Math.random().toString(36).slice(2, 10)}`;
    // A caller's own trace: the gateway continues it rather than starting one.
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const reply = await gql(system, 'mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }', { i: { slug, name: slug, plan: 'FREE' } }, {
      ...admin,
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    expect(reply.body.errors).toBeUndefined();
    const spans = await eventually(async () => {
      const mine = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
      return mine.some((span) => span.kind === SpanKind.CONSUMER && span.name === 'process tenant.changed') ? mine : undefined;
    });
    const gatewayServer = spans.find((s) => scope(s) === 'gateway' && s.kind === SpanKind.SERVER);
    const tenancyServer = spans.find((s) => scope(s) === 'tenancy' && s.kind === SpanKind.SERVER);
    const publish = spans.find((s) => s.kind === SpanKind.PRODUCER && s.name === 'publish tenant.changed');
    const consumers = spans.filter((s) => s.kind === SpanKind.CONSUMER && s.name === 'process tenant.changed');
    expect(gatewayServer?.parentSpanId).toBe('00f067aa0ba902b7');
    expect(tenancyServer).toBeDefined();
    expect(publish).toBeDefined();
    expect(consumers.length).toBeGreaterThanOrEqual(1);
    // Parent links: the subgraph's span descends from the gateway's, the consumer's from the publish.
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const ancestors = (span: ReadableSpan) => {
      const chain: ReadableSpan[] = [];
      for (let parent = byId.get(span.parentSpanId ?? ''); parent; parent = byId.get(parent.parentSpanId ?? '')) chain.push(parent);
      return chain;
    };
    expect(ancestors(tenancyServer!)).toContain(gatewayServer);
    expect(ancestors(publish!)).toContain(tenancyServer);
    for (const consumer of consumers) expect(consumer.parentSpanId).toBe(publish!.spanContext().spanId);
  });

  it('starts a new trace for a request that carries none', async () => {
    exporter.reset();
    await gql(system, 'query Catalog { competencyStandards(first: 1) { nodes { code } } }');
    const spans = await eventually(async () => {
      const finished = exporter.getFinishedSpans();
      return finished.some((s) => scope(s) === 'conocer') && finished.some((s) => scope(s) === 'gateway' && s.kind === SpanKind.SERVER) ? finished : undefined;
    });
    const gatewayServer = spans.find((s) => scope(s) === 'gateway' && s.kind === SpanKind.SERVER)!;
    const conocerServer = spans.find((s) => scope(s) === 'conocer')!;
    expect(gatewayServer.parentSpanId).toBeUndefined();
    expect(conocerServer.spanContext().traceId).toBe(gatewayServer.spanContext().traceId);
    expect(gatewayServer.attributes['http.route']).toBe('/graphql');
    // The subgraph's span hangs off the gateway's span for that call, which hangs off the request's.
    const fetchSpan = spans.find((s) => s.spanContext().spanId === conocerServer.parentSpanId);
    expect(fetchSpan).toMatchObject({ name: 'gateway.fetch', kind: SpanKind.CLIENT, attributes: { service: 'conocer' } });
    expect(fetchSpan?.parentSpanId).toBeDefined();
  });
});
