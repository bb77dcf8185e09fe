import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Raised instead of exiting when a caller asks to handle bad configuration itself (tests, embedded mode). */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`${service}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Every variable `X` may instead be given as `X_FILE`, a path whose contents are the value, so
 * Kubernetes secrets or a Vault agent can supply secrets without putting them in the environment.
 */
export function resolveFileVariables(source: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...source };
  // Only the service's own variables: unrelated `*_FILE` variables (SSL_CERT_FILE, …) are not ours to read.
  for (const name of names) {
    const path = source[`${name}_FILE`];
    if (path && (out[name] === undefined || out[name] === '')) out[name] = readFileSync(path, 'utf8').trim();
  }
  return out;
}

/**
 * Parses a service's variables with its zod schema and reports every problem at once.
 * Empty strings count as unset, so `FOO=` in a .env file means "use the default".
 */
export function parseEnvironment<S extends z.ZodType>(
  service: string,
  schema: S,
  source: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const names = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const values = Object.fromEntries(
    Object.entries(resolveFileVariables(source, names)).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ConfigError(service, problems);
}

/** For `main()`: print all configuration problems and exit 1. */
export function loadEnvironmentOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Shared variable shapes so every service spells them the same way. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
  url: () => z.string().url(),
  nodeEnv: () => z.enum(['development', 'production', 'test']).default('development'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

/** Variables every service reads. */
export const commonEnvironment = z.object({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  HOST: z.string().default('0.0.0.0'),
  METRICS_TOKEN: z
    .string()
    .min(16)
    .optional()
    .describe('When set, `GET /metrics` needs `Authorization: Bearer <token>` (at least 16 characters). Unset: open, for scrapers inside the cluster network.'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url()
    .optional()
    .describe('OTLP/HTTP collector to export traces to (`<url>/v1/traces`). Unset: no export; W3C trace context is still propagated.'),
  TRACE_SAMPLE_RATIO: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(1)
    .describe('Share of new traces recorded when exporting (0–1); a request arriving with a sampled `traceparent` follows its caller.'),
});
