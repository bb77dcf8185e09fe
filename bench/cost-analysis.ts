/**
 * Cost analysis on the request path: the estimate per operation (uncached vs. cached), the actual
 * cost of a response, and a token-bucket `take` in memory vs. on Redis. Target: a cached estimate
 * under 20 µs. Runs directly (`node --conditions=development -r @swc-node/register
 * bench/cost-analysis.ts [--iterations n] [--ops n] [--redis url]`) and exports `run(args)` for
 * bench/run.ts, which lists it once it has an entry `cost: { file: 'cost-analysis', … }`.
 * Set NODE_ENV=production for production-like numbers (graphql skips its realm checks then).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createRedisStore } from '@academy/cache';
import { type DocumentNode, parse } from 'graphql';
import { actualCost, createCostEstimator, loadCostModel } from '../gateway/src/cost';
import { createMemoryTokenBucket, createRedisTokenBucket, type TokenBucket } from '../gateway/src/limits';
import { composeCostSupergraph } from '../gateway/test/cost-fixtures';
import { deleteKeys, silentLogger } from '../gateway/test/limits-support';

interface Operation {
  name: string;
  document: DocumentNode;
  variables: Record<string, unknown>;
}

const OPERATIONS: Operation[] = [
  {
    name: 'tenants → progress → standards (3 subgraphs)',
    document: parse(`query Dashboard($first: Int!, $events: Int!) {
      tenants(first: $first) { totalCount pageInfo { hasNextPage endCursor }
        nodes { id slug name status plan { code limits { maxOperationCost requestsPerMinute } }
          progressSummary { events learners completions }
          recentProgress(first: $events) { id learnerId courseId percent occurredAt standard { code title level sector } } } } }`),
    variables: { first: 10, events: 5 },
  },
  {
    name: 'catalog page with fragments and a filter',
    document: parse(`query Catalog($after: String, $search: String) {
      competencyStandards(first: 20, after: $after, filter: { search: $search }) { totalCount
        edges { cursor node { ...Standard } } pageInfo { hasNextPage endCursor } }
      competencySectors { name standardCount } }
      fragment Standard on CompetencyStandard { code title level sector committee }`),
    variables: { after: null, search: 'soldadura' },
  },
  {
    name: 'mutation with an $input variable',
    document: parse(`mutation Record($input: RecordProgressInput!) { recordProgress(input: $input) { id percent standard { code title } } }`),
    variables: { input: { learnerId: 'l1', courseId: 'c1', percent: 40 } },
  },
  {
    name: '10 aliased root fields, @include',
    document: parse(`query Wide($withPlans: Boolean!) { ${Array.from({ length: 10 }, (_, i) => `t${i}: tenants(first: ${i + 1}) { nodes { id plan @include(if: $withPlans) { code } } }`).join(' ')} }`),
    variables: { withPlans: true },
  },
];

/** µs per call: warm-up, then the median of five timed rounds (process.hrtime.bigint). */
function microsPerOp(iterations: number, body: (i: number) => void): number {
  for (let i = 0; i < Math.max(100, iterations / 10); i += 1) body(i);
  const rounds: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < iterations; i += 1) body(round * iterations + i);
    rounds.push(Number(process.hrtime.bigint() - started) / 1000 / iterations);
  }
  return rounds.sort((a, b) => a - b)[2]!;
}

async function bucketLatency(bucket: TokenBucket, ops: number): Promise<{ p50: number; p99: number; opsPerSecond: number }> {
  const limits = { capacity: 1_000_000_000, restoreRate: 1000 };
  for (let i = 0; i < 200; i += 1) await bucket.take('warm', 1, limits);
  const samples: number[] = [];
  for (let i = 0; i < ops; i += 1) {
    const started = process.hrtime.bigint();
    await bucket.take(`tenant-${i % 50}`, 3, limits);
    samples.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  samples.sort((a, b) => a - b);
  // Throughput with 50 requests in flight, as a busy gateway would have.
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < ops) await bucket.take(`tenant-${next++ % 50}`, 3, limits);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { p50: samples[Math.floor(ops * 0.5)]!, p99: samples[Math.floor(ops * 0.99)]!, opsPerSecond: ops / seconds };
}

const fixed = (n: number, digits = 1) => n.toFixed(digits).padStart(9);

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { iterations: { type: 'string', default: '20000' }, redis: { type: 'string', default: 'redis://127.0.0.1:6379' }, ops: { type: 'string', default: '5000' } } });
  const iterations = Number(values.iterations);
  const ops = Number(values.ops);
  const model = loadCostModel(composeCostSupergraph());
  const estimator = createCostEstimator(model.schema, model.directives);

  // graphql's type predicates do realm checks unless NODE_ENV=production; the estimator avoids them on hot paths.
  console.log(`Cost estimate, µs/op (median of 5 rounds; Node ${process.version}, NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}, load ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)\n`);
  console.log(`${'operation'.padEnd(48)} ${'cost'.padStart(6)} ${'uncached'.padStart(9)} ${'cached'.padStart(9)}`);
  for (const { name, document, variables } of OPERATIONS) {
    const { cost } = estimator.estimate(document, variables);
    const cached = microsPerOp(iterations, () => estimator.estimate(document, variables));
    // A fresh document key per call misses both caches: variable scan + full walk.
    const uncached = microsPerOp(Math.max(1, Math.floor(iterations / 10)), (i) => estimator.estimate(document, variables, undefined, `bench-${i}-${randomUUID()}`));
    console.log(`${name.padEnd(48)} ${String(cost).padStart(6)} ${fixed(uncached)} ${fixed(cached, 2)}`);
  }

  const dashboard = OPERATIONS[0]!;
  const event = { id: 'e', learnerId: 'l', courseId: 'c', percent: 50, occurredAt: '2026-01-01T00:00:00Z', standard: { code: 'EC0217', title: 't', level: 2, sector: 's' } };
  const node = { id: 't', slug: 's', name: 'n', status: 'ACTIVE', plan: { code: 'PRO', limits: { maxOperationCost: 1, requestsPerMinute: 1 } }, progressSummary: { events: 1, learners: 1, completions: 1 }, recentProgress: Array(5).fill(event) };
  const data = { tenants: { totalCount: 10, pageInfo: { hasNextPage: false, endCursor: null }, nodes: Array(10).fill(node) } };
  const actual = microsPerOp(Math.floor(iterations / 10), () => actualCost(model.schema, model.directives, dashboard.document, dashboard.variables, data));
  console.log(`\nActual cost of the dashboard response (10 tenants × 5 events): ${fixed(actual).trim()} µs/op, cost ${actualCost(model.schema, model.directives, dashboard.document, dashboard.variables, data)}`);

  console.log(`\nToken bucket take (${ops} sequential for latency, then ${ops} with 50 in flight)\n`);
  const memory = await bucketLatency(createMemoryTokenBucket(), ops);
  console.log(`memory  p50 ${fixed(memory.p50, 2)} µs  p99 ${fixed(memory.p99, 2)} µs  ${fixed(memory.opsPerSecond, 0)} takes/s`);
  const prefix = `bench:cost:${randomUUID()}:`;
  const store = createRedisStore({ url: values.redis, keyPrefix: prefix, logger: silentLogger, commandTimeoutMs: 2000 });
  try {
    await store.readiness().check();
    const redis = await bucketLatency(createRedisTokenBucket({ redis: store.redis!, timeoutMs: 1000 }), ops);
    console.log(`redis   p50 ${fixed(redis.p50, 2)} µs  p99 ${fixed(redis.p99, 2)} µs  ${fixed(redis.opsPerSecond, 0)} takes/s  (${values.redis}, one EVALSHA per take)`);
    await deleteKeys(values.redis, prefix);
  } catch (error) {
    console.log(`redis   skipped: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
