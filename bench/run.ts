/**
 * `npm run bench` lists the benchmarks; `npm run bench -- <name> [args]` runs one.
 * A benchmark is a module `bench/<file>.ts` exporting `run(args: string[])`; it is loaded only when
 * chosen, so one benchmark's imports (or its absence) never affect another.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface Benchmark {
  run(args: string[]): Promise<void>;
}

interface Entry {
  /** The module, relative to bench/, without extension. */
  file: string;
  description: string;
}

const BENCHMARKS: Record<string, Entry> = {
  gateway: {
    file: 'gateway',
    description: 'this gateway vs. stock @apollo/gateway vs. the subgraph directly, on one federated and one single-subgraph query, and that query with the response cache on',
  },
  cost: {
    file: 'cost-analysis',
    description: 'cost estimate time per operation (cached and uncached) and cost-bucket latency, memory vs Redis',
  },
  subscriptions: {
    file: 'subscriptions',
    description: 'subscribers × events/s through the gateway vs. straight to the subgraph: delivery latency p50/p99, events/s, memory per subscription',
  },
  federation: {
    file: 'federation/index',
    description: 'the public federation benchmark\'s shape: this gateway (every feature on) vs. stock @apollo/gateway vs. Hive Gateway (defaults; JIT + dedup), identical and mixed queries',
  },
  pipeline: {
    file: 'pipeline',
    description: 'analytics ingestion into PostgreSQL through the pipeline vs. one INSERT per event (events/s), and aggregate query latency on 1,000,000 events',
  },
  aggregates: {
    file: 'aggregates',
    description: 'courseAnalytics/tenantAnalytics latency on 1,000,000 events, cold and cached (in process, Redis), vs. the same figures by GROUP BY over raw events; aggregate job time',
  },
  auth: {
    file: 'auth-overhead',
    description: 'cost of authentication and tenant resolution in the gateway',
  },
  limits: {
    file: 'limits',
    description: 'gateway throughput with per-tenant demand control on (Redis, in memory) vs. off, in one run',
  },
};

const sourceOf = (entry: Entry) => join(__dirname, `${entry.file}.ts`);

function list(): void {
  console.log('Benchmarks (npm run bench -- <name> [--duration s] [--connections n] …):\n');
  const width = Math.max(...Object.keys(BENCHMARKS).map((name) => name.length));
  for (const [name, entry] of Object.entries(BENCHMARKS)) {
    const missing = existsSync(sourceOf(entry)) ? '' : ` (not available: bench/${entry.file}.ts does not exist yet)`;
    console.log(`  ${name.padEnd(width)}  ${entry.description}${missing}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'list') {
    list();
    return 0;
  }
  const entry = BENCHMARKS[name];
  if (!entry) {
    console.error(`Unknown benchmark "${name}".\n`);
    list();
    return 1;
  }
  if (!existsSync(sourceOf(entry))) {
    console.error(`Benchmark "${name}" is registered but bench/${entry.file}.ts does not exist yet.`);
    return 1;
  }
  // require, not import(): the file may not exist when this is type-checked, and the benchmarks run
  // as CommonJS under @swc-node/register.
  const benchmark = require(`./${entry.file}`) as Partial<Benchmark>;
  if (typeof benchmark.run !== 'function') {
    console.error(`bench/${entry.file}.ts does not export run(args).`);
    return 1;
  }
  await benchmark.run(args);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
