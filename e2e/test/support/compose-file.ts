import { parse } from 'yaml';

/** A compose service with the short and long syntaxes folded into one shape. */
export interface ComposeService {
  name: string;
  image: string | null;
  /** `build.args`, or null for services that run a published image. */
  buildArgs: Record<string, string> | null;
  /** Interpolated as if the host set no variables; null: passed through from the host (`- NAME`). */
  environment: Record<string, string | null>;
  /** `env_file` entries, whose variables these checks cannot see. */
  envFiles: string[];
  ports: { hostIp: string | null; published: number | null; target: number }[];
  /** `healthcheck.test` as words (`CMD-SHELL` strings stay one word). */
  healthcheck: string[] | null;
  dependsOn: { service: string; condition: string }[];
  /** Secret names and where they are mounted. */
  secrets: { source: string; target: string }[];
}

export interface ComposeFile {
  services: ComposeService[];
  /** Top-level `secrets:` name → `file:` */
  secrets: Record<string, string | null>;
  /** The comment block at the top of the file. */
  headerComment: string;
}

type Raw = Record<string, unknown>;

const record = (value: unknown): Raw => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});
const scalar = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

function keyValues(value: unknown): Record<string, string | null> {
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((entry: string) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, null] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(record(value)).map(([k, v]) => [k, scalar(v)]));
}

/** Compose interpolation with no host variables: `${X:-default}` and `${X-default}` give the default, `$$` is `$`. */
function interpolate(value: string): string {
  return value.replace(/\$\$|\$\{\w+(?:(:?[-?])([^}]*))?\}|\$\w+/g, (match, op?: string, arg?: string) => (match === '$$' ? '$' : op?.endsWith('-') ? (arg ?? '') : ''));
}

function port(entry: unknown): ComposeService['ports'][number] {
  if (typeof entry === 'object' && entry !== null) {
    const { target, published, host_ip } = entry as Raw;
    return { hostIp: scalar(host_ip), published: published === undefined ? null : Number(published), target: Number(target) };
  }
  const parts = String(entry).replace(/\/(tcp|udp)$/, '').split(':');
  const target = Number(parts.pop());
  const published = parts.length ? Number(parts.pop()) : null;
  return { hostIp: parts.length ? parts.join(':') : null, published, target };
}

function service(name: string, raw: Raw): ComposeService {
  const build = raw.build;
  const test = record(raw.healthcheck).test;
  const dependsOn = raw.depends_on;
  return {
    name,
    image: scalar(raw.image),
    buildArgs: build === undefined ? null : (keyValues(record(build).args) as Record<string, string>),
    environment: Object.fromEntries(Object.entries(keyValues(raw.environment)).map(([k, v]) => [k, v === null ? null : interpolate(v)])),
    envFiles: [raw.env_file ?? []].flat().map((entry) => (typeof entry === 'string' ? entry : String(record(entry).path))),
    ports: Array.isArray(raw.ports) ? raw.ports.map(port) : [],
    healthcheck: test === undefined ? null : Array.isArray(test) ? test.map(String) : ['CMD-SHELL', String(test)],
    dependsOn: Array.isArray(dependsOn)
      ? dependsOn.map((s: string) => ({ service: s, condition: 'service_started' }))
      : Object.entries(record(dependsOn)).map(([s, v]) => ({ service: s, condition: scalar(record(v).condition) ?? 'service_started' })),
    secrets: (Array.isArray(raw.secrets) ? raw.secrets : []).map((entry: unknown) => {
      const source = typeof entry === 'string' ? entry : String(record(entry).source);
      const target = typeof entry === 'string' ? entry : (scalar(record(entry).target) ?? source);
      return { source, target: target.startsWith('/') ? target : `/run/secrets/${target}` };
    }),
  };
}

/** Parses compose YAML, resolving `<<` merge keys as compose does. */
export function parseComposeFile(text: string): ComposeFile {
  const doc = record(parse(text, { merge: true }));
  const headerComment = text
    .split('\n')
    .filter((_, i, lines) => lines.slice(0, i + 1).every((l) => l.startsWith('#') || l.trim() === ''))
    .join('\n');
  return {
    services: Object.entries(record(doc.services)).map(([name, raw]) => service(name, record(raw))),
    secrets: Object.fromEntries(Object.entries(record(doc.secrets)).map(([name, raw]) => [name, scalar(record(raw).file)])),
    headerComment,
  };
}
