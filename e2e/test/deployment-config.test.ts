import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { analyticsEnvironmentSchema, loadAnalyticsEnvironment } from '@academy/analytics';
import { conocerEnvironmentSchema, loadConocerEnvironment } from '@academy/conocer';
import { loadSandboxEnvironment, sandboxEnvironmentSchema } from '@academy/conocer-sandbox';
import { DEFAULT_SUPERGRAPH_PATH, gatewayEnvironmentSchema, JWKS_PATH, loadGatewayEnvironment } from '@academy/gateway';
import { SNAPSHOT_DIR } from '@academy/renec';
import { exportContextKeyPair, generateContextKeyPair } from '@academy/service-kit';
import { loadTenancyEnvironment, tenancyEnvironmentSchema } from '@academy/tenancy';
import { Kind, parse, type StringValueNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComposeService, parseComposeFile } from './support/compose-file';
import { copyInstruction, dockerignoreMatcher, dockerStages, parseDockerfile } from './support/dockerfile';

// There is no Docker engine on CI: these checks read docker-compose.yml and the Dockerfile and hold
// them against the code (environment schemas, entry points, supergraph), so neither drifts silently.

const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface ServiceConfig {
  /** Every variable the service reads (the schemas are read here, never copied). */
  shape: Record<string, { parse(value: unknown): unknown }>;
  /** What `main.ts` parses the environment with. */
  load(source: NodeJS.ProcessEnv): { NODE_ENV: string };
}

/** Keyed by the Dockerfile's SERVICE. */
const CONFIGS: Record<string, ServiceConfig> = {
  gateway: { shape: gatewayEnvironmentSchema.shape, load: loadGatewayEnvironment },
  tenancy: { shape: tenancyEnvironmentSchema.shape, load: loadTenancyEnvironment },
  conocer: { shape: conocerEnvironmentSchema.shape, load: loadConocerEnvironment },
  analytics: { shape: analyticsEnvironmentSchema.shape, load: loadAnalyticsEnvironment },
  'conocer-sandbox': { shape: sandboxEnvironmentSchema.shape, load: loadSandboxEnvironment },
};

const compose = parseComposeFile(read('docker-compose.yml'));
const instructions = parseDockerfile(read('Dockerfile'));
const stages = dockerStages(instructions);
const runtimeStage = stages.at(-1)!;
const dockerignored = dockerignoreMatcher(read('.dockerignore'));

/** The start script's `name) main=<path>; port=<n> ;;` arms: what SERVICE can be, and what each runs. */
const serviceChoices = [...runtimeStage.instructions.flatMap((i) => i.heredocs).join('\n').matchAll(/^\s*([\w-]+)\)\s*main=(\S+);\s*port=(\d+)\s*;;/gm)].map(
  ([, name, main, port]) => ({ name: name!, main: main!, port: Number(port) }),
);

/** Services built from the Dockerfile, with the schema their SERVICE reads. */
const appServices = compose.services
  .filter((s) => s.buildArgs !== null)
  .map((s) => ({ ...s, service: s.buildArgs!.SERVICE ?? '(no SERVICE build arg)' }));
const byName = new Map(compose.services.map((s) => [s.name, s]));

function configOf(service: string): ServiceConfig {
  const config = CONFIGS[service];
  if (!config) throw new Error(`no environment schema is known for SERVICE=${service}; add it to CONFIGS`);
  return config;
}

function defaultPort(service: string): number {
  return Number(configOf(service).shape.PORT?.parse(undefined));
}

function effectivePort(s: ComposeService & { service: string }): number {
  return Number(s.environment.PORT ?? defaultPort(s.service));
}

/** `X_FILE` names the variable X when the schema reads X (and no variable literally called X_FILE). */
function fileVariableTarget(name: string, shape: ServiceConfig['shape']): string | null {
  return name.endsWith('_FILE') && !(name in shape) ? name.slice(0, -'_FILE'.length) : null;
}

describe('docker-compose.yml', () => {
  it('runs every service the Dockerfile can start, each with an environment schema', () => {
    expect(serviceChoices.length, 'no `name) main=…; port=… ;;` arms found in the Dockerfile').toBeGreaterThan(0);
    expect(appServices.map((s) => s.service).sort()).toEqual(serviceChoices.map((c) => c.name).sort());
    for (const s of appServices) configOf(s.service);
  });

  it.each(appServices)('$name sets only variables its environment schema reads', ({ service, environment, envFiles }) => {
    const { shape } = configOf(service);
    expect(envFiles, 'variables in env_file cannot be checked here; list them under environment').toEqual([]);
    const names = Object.keys(environment);
    const unknown = names.filter((name) => !((fileVariableTarget(name, shape) ?? name) in shape));
    const twice = names.filter((name) => {
      const variable = fileVariableTarget(name, shape);
      return variable !== null && variable in environment;
    });
    expect(unknown, `not in ${service}'s environment schema (known: ${Object.keys(shape).join(', ')})`).toEqual([]);
    expect(twice, 'given both as X and X_FILE (X wins, so the file is ignored)').toEqual([]);
  });

  describe('is a valid production configuration', () => {
    let secretsDir: string;
    let pems: { privatePem: string; publicPem: string };
    /** One file per compose secret, shared by every service that mounts it (so key pairs match). */
    const secretFiles = new Map<string, string>();

    beforeAll(async () => {
      secretsDir = mkdtempSync(join(tmpdir(), 'compose-secrets-'));
      pems = await exportContextKeyPair(await generateContextKeyPair());
    });
    afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));

    // What `openssl` writes per the compose file's header; extend when a secret of a new kind appears.
    function secretFile(secret: string, variable: string): string {
      if (!secretFiles.has(secret)) {
        const content = /PRIVATE_KEY$/.test(variable)
          ? pems.privatePem
          : /PUBLIC_KEY$/.test(variable)
            ? pems.publicPem
            : /ENCRYPTION_KEYS$/.test(variable)
              ? `k1:${randomBytes(32).toString('base64')}`
              : randomBytes(48).toString('base64');
        const path = join(secretsDir, secret);
        writeFileSync(path, `${content}\n`);
        secretFiles.set(secret, path);
      }
      return secretFiles.get(secret)!;
    }

    it.each(appServices)('$name', ({ service, environment, secrets }) => {
      const { shape, load } = configOf(service);
      const source: NodeJS.ProcessEnv = {};
      for (const [name, value] of Object.entries(environment)) {
        if (value === null) continue;
        const variable = fileVariableTarget(name, shape);
        if (variable === null) {
          source[name] = value;
          continue;
        }
        const mounted = secrets.find((s) => s.target === value);
        expect(mounted, `${name}=${value}, but no secret of this service is mounted there`).toBeDefined();
        source[name] = secretFile(mounted!.source, variable);
      }
      expect(load(source).NODE_ENV).toBe('production');
    });
  });

  it.each(appServices)('$name listens and is published on its default PORT', (s) => {
    const port = defaultPort(s.service);
    expect(effectivePort(s), 'PORT differs from the default the Dockerfile probes').toBe(port);
    expect(serviceChoices.find((c) => c.name === s.service)?.port, "the Dockerfile's port for this SERVICE").toBe(port);
    expect(s.ports.map((p) => ({ published: p.published, target: p.target }))).toEqual([{ published: port, target: port }]);
  });

  it('checks health on /healthz or /readyz and waits only for healthy services that exist', () => {
    const installed = instructions.filter((i) => i.keyword === 'COPY').map((i) => copyInstruction(i).destination);
    const problems: string[] = [];
    for (const s of compose.services) {
      if (!s.healthcheck) problems.push(`${s.name}: no healthcheck`);
      if (s.buildArgs && s.healthcheck) {
        if (!s.healthcheck.some((word) => /\/(healthz|readyz)\b/.test(word))) problems.push(`${s.name}: healthcheck probes neither /healthz nor /readyz`);
        const program = s.healthcheck[0] === 'CMD' ? s.healthcheck[1]! : null;
        if (program && program !== 'node' && !installed.some((d) => d.endsWith(`/${program}`))) problems.push(`${s.name}: the image has no ${program}`);
      }
      for (const { service, condition } of s.dependsOn) {
        const dependency = byName.get(service);
        if (!dependency) problems.push(`${s.name}: depends on ${service}, which is not a service`);
        else if (condition !== 'service_healthy') problems.push(`${s.name}: waits for ${service} with ${condition}, not service_healthy`);
        else if (!dependency.healthcheck) problems.push(`${s.name}: waits for ${service} to be healthy, but it has no healthcheck`);
      }
    }
    const visiting = new Set<string>();
    const visit = (name: string, path: string[]): void => {
      if (path.includes(name)) return void problems.push(`depends_on cycle: ${[...path, name].join(' → ')}`);
      if (visiting.has(name)) return;
      visiting.add(name);
      for (const d of byName.get(name)?.dependsOn ?? []) visit(d.service, [...path, name]);
    };
    for (const s of compose.services) visit(s.name, []);
    expect(problems).toEqual([]);
  });

  it("routes the gateway to every subgraph of schema/supergraph.graphql through the subgraphs' services", () => {
    const joinGraph = parse(read('schema/supergraph.graphql')).definitions.find((d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph');
    const graphs = (joinGraph?.kind === Kind.ENUM_TYPE_DEFINITION ? joinGraph.values ?? [] : []).map((value) => {
      const args = value.directives?.find((d) => d.name.value === 'join__graph')?.arguments ?? [];
      const arg = (name: string) => (args.find((a) => a.name.value === name)?.value as StringValueNode).value;
      return { name: arg('name'), url: new URL(arg('url')) };
    });
    expect(graphs.length, 'join__Graph values in schema/supergraph.graphql').toBeGreaterThan(0);

    const gateway = appServices.find((s) => s.service === 'gateway')!;
    const urls = gatewayEnvironmentSchema.shape.SUBGRAPH_URLS.parse(gateway.environment.SUBGRAPH_URLS) ?? {};
    expect(Object.keys(urls).sort()).toEqual(graphs.map((g) => g.name).sort());
    for (const graph of graphs) {
      const url = new URL(urls[graph.name]!);
      const target = appServices.find((s) => s.name === url.hostname);
      expect(target, `${graph.name}'s host ${url.hostname} is not a service built from the Dockerfile`).toBeDefined();
      expect(target!.service, `${url.hostname} runs`).toBe(graph.name);
      expect(Number(url.port), `${graph.name}'s port`).toBe(effectivePort(target!));
      expect(url.pathname, `${graph.name}'s path (as in the supergraph)`).toBe(graph.url.pathname);
    }
  });

  it("points the subgraphs at the gateway's JWKS", () => {
    const gateway = appServices.find((s) => s.service === 'gateway')!;
    // Services that verify context tokens, i.e. the subgraphs (not the gateway, not the CONOCER sandbox).
    for (const s of appServices.filter((a) => a.service !== 'gateway' && 'CONTEXT_TOKEN_JWKS_URL' in configOf(a.service).shape)) {
      const { shape } = configOf(s.service);
      if (s.environment.CONTEXT_TOKEN_PUBLIC_KEY || s.environment.CONTEXT_TOKEN_PUBLIC_KEY_FILE) continue; // a pinned key wins over the JWKS
      const url = new URL(String(shape.CONTEXT_TOKEN_JWKS_URL!.parse(s.environment.CONTEXT_TOKEN_JWKS_URL ?? undefined)));
      expect({ host: url.hostname, port: Number(url.port), path: url.pathname }, s.name).toEqual({ host: gateway.name, port: effectivePort(gateway), path: JWKS_PATH });
    }
  });

  it('declares, documents and keeps out of images every secret', () => {
    const problems: string[] = [];
    for (const s of compose.services) {
      for (const { source } of s.secrets) if (!(source in compose.secrets)) problems.push(`${s.name}: secret ${source} is not declared`);
    }
    for (const [name, file] of Object.entries(compose.secrets)) {
      const path = file?.replace(/^\.\//, '');
      if (!path) problems.push(`${name}: no file`);
      else if (!compose.headerComment.includes(path)) problems.push(`${name}: the header comment does not say how to create ${path}`);
      else if (!dockerignored(path)) problems.push(`${name}: ${path} is not in .dockerignore, so it would be sent to image builds`);
    }
    expect(problems).toEqual([]);
  });
});

describe('Dockerfile', () => {
  it.each(serviceChoices)('SERVICE=$name runs the build of an existing src/main.ts', ({ main }) => {
    const [, workspace, entry] = /^(.+)\/dist\/(.+)\.js$/.exec(main) ?? [];
    expect(workspace, `${main} is not <workspace>/dist/<file>.js`).toBeDefined();
    expect(existsSync(join(root, workspace!, 'src', `${entry}.ts`)), `${workspace}/src/${entry}.ts`).toBe(true);
    const { compilerOptions } = JSON.parse(read(`${workspace}/tsconfig.build.json`)) as { compilerOptions: { rootDir?: string; outDir?: string } };
    expect(compilerOptions, `${workspace}/tsconfig.build.json compiles src/ to dist/`).toMatchObject({ rootDir: 'src', outDir: 'dist' });
  });

  it('copies only paths that exist and that .dockerignore lets into the build context', () => {
    const problems: string[] = [];
    const stageNames = new Set<string>();
    for (const stage of stages) {
      for (const instruction of stage.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')) {
        const { from, sources, line } = copyInstruction(instruction);
        if (from !== null) {
          if (!stageNames.has(from)) problems.push(`line ${line}: --from=${from} is not an earlier stage`);
          continue;
        }
        for (const source of sources) {
          if (!existsSync(join(root, source))) problems.push(`line ${line}: ${source} does not exist`);
          else if (source !== '.' && dockerignored(source)) problems.push(`line ${line}: ${source} is excluded by .dockerignore`);
        }
      }
      if (stage.name) stageNames.add(stage.name);
    }
    expect(problems).toEqual([]);
  });

  it('copies every workspace manifest, the lockfile and .npmrc before npm ci', () => {
    const build = stages.find((s) => s.instructions.some((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args)));
    expect(build, 'a stage that runs npm ci').toBeDefined();
    const beforeInstall = build!.instructions.slice(0, build!.instructions.findIndex((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args)));
    const copied = new Set(beforeInstall.filter((i) => i.keyword === 'COPY').flatMap((i) => copyInstruction(i).sources));
    const { workspaces } = JSON.parse(read('package.json')) as { workspaces: string[] };
    const manifests = workspaces.flatMap((pattern) =>
      pattern.endsWith('/*')
        ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
            .filter((d) => d.isDirectory() && existsSync(join(root, pattern.slice(0, -2), d.name, 'package.json')))
            .map((d) => `${pattern.slice(0, -2)}/${d.name}/package.json`)
        : [`${pattern}/package.json`],
    );
    const missing = copied.has('.') ? [] : ['package.json', 'package-lock.json', '.npmrc', ...manifests].filter((m) => !copied.has(m));
    expect(missing, 'npm ci would not see these').toEqual([]);
  });

  it("installs package.json's packageManager npm", () => {
    const { packageManager } = JSON.parse(read('package.json')) as { packageManager: string };
    const arg = instructions.find((i) => i.keyword === 'ARG' && i.args.startsWith('NPM_VERSION='));
    expect(`npm@${arg?.args.slice('NPM_VERSION='.length)}`).toBe(packageManager);
  });

  it('runs as a non-root user, in production mode, with a /healthz health check', () => {
    const last = (keyword: string) => runtimeStage.instructions.filter((i) => i.keyword === keyword).at(-1)?.args;
    expect(last('USER'), 'USER of the runtime stage').toMatch(/^(?!root\b|0\b)\S+/);
    expect(runtimeStage.instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args)).toContainEqual(expect.stringMatching(/\bNODE_ENV=production\b/));
    expect(last('HEALTHCHECK')).toMatch(/\/healthz\b/);
  });

  it('ships the files the services read next to their code (supergraph, RENEC data)', () => {
    const tokens = stages.flatMap((s) => s.instructions).flatMap((i) => i.args.split(/\s+/).map((t) => t.replace(/^["']|["',]$/g, '').replace(/\/$/, '')));
    for (const path of [relative(root, DEFAULT_SUPERGRAPH_PATH), relative(root, SNAPSHOT_DIR)]) {
      expect(
        tokens.some((t) => t !== '' && !t.startsWith('/') && (path === t || path.startsWith(`${t}/`))),
        `${path} is not copied into the image`,
      ).toBe(true);
    }
  });
});
