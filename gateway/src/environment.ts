import { resolve } from 'node:path';
import { commonEnvironment, env, parseEnvironment } from '@academy/service-kit';
import { z } from 'zod';

/** The repository's composed supergraph, found relative to this package (src/ and dist/ sit at the same depth). */
export const DEFAULT_SUPERGRAPH_PATH = resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql');

/** Sandbox's origin, plus every localhost origin, is what a developer's browser sends. */
export const DEVELOPMENT_CORS_ORIGINS = [
  'https://studio.apollographql.com',
  'http://localhost:*',
  'https://localhost:*',
  'http://127.0.0.1:*',
  'http://[::1]:*',
];

const optionalBool = () =>
  z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));

/** `users=http://users:4001/graphql,reviews=http://…` → `{ users: '…', reviews: '…' }`. */
const subgraphUrls = z.string().transform((raw, ctx) => {
  const urls: Record<string, string> = {};
  for (const entry of raw.split(',').map((e) => e.trim()).filter(Boolean)) {
    const at = entry.indexOf('=');
    const name = entry.slice(0, at).trim();
    const url = entry.slice(at + 1).trim();
    if (at <= 0 || !URL.canParse(url)) {
      ctx.addIssue({ code: 'custom', message: `expected name=url, got "${entry}"` });
      continue;
    }
    urls[name] = url;
  }
  return urls;
});

const commaList = z.string().transform((raw) => raw.split(',').map((e) => e.trim()).filter(Boolean));

/** PEMs passed through .env files or compose often arrive with literal `\n`s. */
const pem = (kind: 'PRIVATE KEY' | 'PUBLIC KEY') =>
  z
    .string()
    .transform((v) => v.replace(/\\n/g, '\n').trim())
    .refine((v) => v.includes(`-----BEGIN ${kind}-----`), `expected a PEM (${kind === 'PRIVATE KEY' ? 'PKCS#8' : 'SPKI'}) block`);

/**
 * Every variable the gateway reads. Variables whose default depends on NODE_ENV are optional here
 * and resolved by `loadGatewayEnvironment`, so this stays a plain object schema whose `.shape`
 * lists every variable name.
 */
export const gatewayEnvironmentSchema = commonEnvironment
  .extend({
    PORT: env.port(4000),
    SUPERGRAPH_PATH: z.string().default(DEFAULT_SUPERGRAPH_PATH),
    /** @default true outside production */
    SUPERGRAPH_WATCH: optionalBool(),
    SUBGRAPH_URLS: subgraphUrls.optional(),
    /** @default true outside production */
    INTROSPECTION: optionalBool(),
    /** Exact origins or patterns with `*` (`http://localhost:*`). @default Sandbox + localhost outside production, none in production */
    CORS_ORIGINS: commaList.optional(),
    MAX_BODY_BYTES: z.coerce.number().int().positive().default(2_000_000),
    CONTEXT_TOKEN_PRIVATE_KEY: pem('PRIVATE KEY').optional(),
    CONTEXT_TOKEN_PUBLIC_KEY: pem('PUBLIC KEY').optional(),
    /** @default the key's JWK thumbprint, so replicas sharing a key agree without configuration */
    CONTEXT_TOKEN_KID: z.string().min(1).optional(),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  })
  // Refinements run even when other variables failed (`when`), so every problem is reported at once.
  .refine((v) => v.NODE_ENV !== 'production' || v.CONTEXT_TOKEN_PRIVATE_KEY !== undefined, {
    path: ['CONTEXT_TOKEN_PRIVATE_KEY'],
    // Ephemeral keys would differ per replica and per restart, and separate subgraphs could not follow them.
    message: 'required in production',
    when: () => true,
  })
  .refine((v) => v.NODE_ENV !== 'production' || v.CONTEXT_TOKEN_PUBLIC_KEY !== undefined, {
    path: ['CONTEXT_TOKEN_PUBLIC_KEY'],
    message: 'required in production',
    when: () => true,
  })
  .refine((v) => v.NODE_ENV === 'production' || (v.CONTEXT_TOKEN_PRIVATE_KEY === undefined) === (v.CONTEXT_TOKEN_PUBLIC_KEY === undefined), {
    path: ['CONTEXT_TOKEN_PUBLIC_KEY'],
    message: 'set CONTEXT_TOKEN_PRIVATE_KEY and CONTEXT_TOKEN_PUBLIC_KEY together, or neither',
    when: () => true,
  });

type ParsedEnvironment = z.infer<typeof gatewayEnvironmentSchema>;

export type GatewayEnvironment = Omit<ParsedEnvironment, 'SUPERGRAPH_WATCH' | 'INTROSPECTION' | 'CORS_ORIGINS' | 'SUBGRAPH_URLS'> & {
  SUPERGRAPH_WATCH: boolean;
  INTROSPECTION: boolean;
  CORS_ORIGINS: string[];
  SUBGRAPH_URLS: Record<string, string>;
};

/** Throws `ConfigError` listing every problem; `main` turns that into exit 1. */
export function loadGatewayEnvironment(source: NodeJS.ProcessEnv = process.env): GatewayEnvironment {
  // Only the gateway's own variables: the service kit reads every `X_FILE`, and unrelated ones
  // (TF_CLI_CONFIG_FILE, …) may point at files that do not exist.
  const names = Object.keys(gatewayEnvironmentSchema.shape).flatMap((name) => [name, `${name}_FILE`]);
  const own = Object.fromEntries(names.filter((name) => source[name] !== undefined).map((name) => [name, source[name]]));
  const parsed = parseEnvironment('gateway', gatewayEnvironmentSchema, own);
  const production = parsed.NODE_ENV === 'production';
  return {
    ...parsed,
    SUPERGRAPH_WATCH: parsed.SUPERGRAPH_WATCH ?? !production,
    INTROSPECTION: parsed.INTROSPECTION ?? !production,
    CORS_ORIGINS: parsed.CORS_ORIGINS ?? (production ? [] : DEVELOPMENT_CORS_ORIGINS),
    SUBGRAPH_URLS: parsed.SUBGRAPH_URLS ?? {},
  };
}
