import { relative } from 'node:path';
import { analyticsEnvironmentSchema } from '@academy/analytics';
import { conocerEnvironmentSchema } from '@academy/conocer';
import { sandboxEnvironmentSchema } from '@academy/conocer-sandbox';
import { gatewayEnvironmentSchema } from '@academy/gateway';
import { ERROR_CODES } from '@academy/service-kit';
import { tenancyEnvironmentSchema } from '@academy/tenancy';
import { z } from 'zod';
import { embeddedEnvironmentSchema } from './environment';

/** Every service's configuration schema: README's reference is generated from these, never by hand. */
export const ENVIRONMENT_SCHEMAS: { service: string; runs: string; schema: z.ZodObject }[] = [
  { service: 'gateway', runs: '`npm run start -w @academy/gateway` (or `npm run gateway -- --supergraph … --port …`)', schema: gatewayEnvironmentSchema },
  { service: 'tenancy', runs: '`npm run start -w @academy/tenancy`', schema: tenancyEnvironmentSchema },
  { service: 'conocer', runs: '`npm run start -w @academy/conocer`', schema: conocerEnvironmentSchema },
  { service: 'analytics', runs: '`npm run start -w @academy/analytics`', schema: analyticsEnvironmentSchema },
  { service: 'conocer-sandbox', runs: '`npm run start -w @academy/conocer-sandbox`; `npm start` also starts it, unless CONOCER_API_URL is set', schema: sandboxEnvironmentSchema },
  { service: 'embedded', runs: '`npm start` (all services in one process; each service above also reads its own variables)', schema: embeddedEnvironmentSchema },
];

const REPO_ROOT = `${__dirname}/../../..`;

interface JsonProperty {
  default?: unknown;
  description?: string;
  enum?: unknown[];
  type?: string;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function formatDefault(value: unknown): string {
  if (value === undefined) return '—';
  const text = String(value);
  // Defaults that are absolute paths on the machine that generated the docs are shown repo-relative.
  return `\`${text.startsWith('/') ? relative(REPO_ROOT, text) || '.' : text}\``;
}

/** The configuration reference: one table per service (variable, default, allowed values, meaning). */
export function configurationReference(): string {
  const sections = ENVIRONMENT_SCHEMAS.map(({ service, runs, schema }) => {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, JsonProperty> };
    const rows = Object.entries(json.properties).map(([name, p]) => {
      const values = p.enum ? p.enum.map((v) => `\`${v}\``).join(', ') : (p.type ?? 'string');
      return `| \`${name}\` | ${formatDefault(p.default)} | ${cell(values)} | ${cell(p.description ?? '')} |`;
    });
    return [`### ${service}`, '', `Runs with ${runs}.`, '', '| variable | default | values | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
  });
  return ['Every variable `X` can also be given as `X_FILE`, the path of a file holding the value (Kubernetes/Docker secrets).', ...sections].join('\n\n');
}

/** The error-code table, from the one registry. */
export function errorCodeReference(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, { status, description }]) => `| \`${code}\` | ${status} | ${cell(description)} |`);
  return ['| `extensions.code` | HTTP status | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

const MARKERS = { config: configurationReference, errors: errorCodeReference } as const;

/** Replaces each `<!-- generated:name -->…<!-- /generated:name -->` block of the README. */
export function renderReadme(readme: string): string {
  let out = readme;
  for (const [name, render] of Object.entries(MARKERS)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start < 0 || end < start) throw new Error(`README.md lacks the ${open} … ${close} block`);
    out = `${out.slice(0, start + open.length)}\n${render()}\n${out.slice(end)}`;
  }
  return out;
}
