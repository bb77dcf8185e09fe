import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyticsEnvironmentSchema } from '@academy/analytics';
import { conocerEnvironmentSchema } from '@academy/conocer';
import { gatewayEnvironmentSchema, JWKS_PATH } from '@academy/gateway';
import { tenancyEnvironmentSchema } from '@academy/tenancy';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

// Kubernetes manifests next to docker-compose.yml, held against the code: every variable is one a
// schema reads (and parses), ports and probes match the services, secrets are referenced, not inlined.

const dir = join(__dirname, '..', '..', 'k8s');
const SCHEMAS: Record<string, { shape: Record<string, { safeParse(value: unknown): { success: boolean } }> }> = {
  gateway: gatewayEnvironmentSchema,
  tenancy: tenancyEnvironmentSchema,
  conocer: conocerEnvironmentSchema,
  analytics: analyticsEnvironmentSchema,
};
const DEFAULT_PORTS: Record<string, number> = { gateway: 4000, tenancy: 4001, conocer: 4002, analytics: 4003 };

// biome-ignore lint/suspicious/noExplicitAny: manifests are untyped YAML, checked field by field below
type Manifest = any;

const files = readdirSync(dir).filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml');
const manifests: Manifest[] = files.flatMap((name) => parseAllDocuments(readFileSync(join(dir, name), 'utf8')).map((doc) => doc.toJS()));
const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind);
const configMaps = new Map(ofKind('ConfigMap').map((m) => [m.metadata.name, m.data as Record<string, string>]));
const deployments = ofKind('Deployment');

/** A container's variables: its ConfigMaps' entries, then its own `env` (later wins, as in Kubernetes). */
function variablesOf(container: Manifest): Record<string, string | { secret: true }> {
  const vars: Record<string, string | { secret: true }> = {};
  for (const from of container.envFrom ?? []) {
    expect(from.secretRef, 'secrets are mounted as files (X_FILE), never spread into the environment').toBeUndefined();
    const data = configMaps.get(from.configMapRef.name);
    expect(data, `ConfigMap ${from.configMapRef.name} exists`).toBeDefined();
    Object.assign(vars, data);
  }
  for (const entry of container.env ?? []) vars[entry.name] = entry.valueFrom?.secretKeyRef ? { secret: true } : entry.value;
  return vars;
}

describe('Kubernetes manifests', () => {
  it('list every manifest file in the kustomization', () => {
    const kustomization = parseAllDocuments(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'))[0]!.toJS();
    expect([...kustomization.resources].sort()).toEqual([...files].sort());
  });

  it('deploy each service with a Service on its port', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(Object.keys(SCHEMAS).sort());
    for (const deployment of deployments) {
      const name = deployment.metadata.name;
      expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': name });
      expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
      const [container] = deployment.spec.template.spec.containers;
      const port = container.ports.find((p: Manifest) => p.name === 'http').containerPort;
      expect(port).toBe(DEFAULT_PORTS[name]);
      expect(variablesOf(container).PORT).toBe(String(port));
      const service = ofKind('Service').find((s) => s.metadata.name === name);
      expect(service?.spec.selector).toEqual(deployment.spec.selector.matchLabels);
      expect(service?.spec.ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
      expect(deployment.spec.template.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(port), 'prometheus.io/path': '/metrics' });
    }
  });

  it('probe liveness on /healthz and readiness on /readyz, and set requests and limits', () => {
    for (const deployment of deployments) {
      const [container] = deployment.spec.template.spec.containers;
      expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      if (container.startupProbe) expect(container.startupProbe.httpGet.path).toBe('/healthz');
      for (const kind of ['requests', 'limits']) {
        expect(container.resources[kind].cpu, `${deployment.metadata.name} ${kind}.cpu`).toBeDefined();
        expect(container.resources[kind].memory, `${deployment.metadata.name} ${kind}.memory`).toBeDefined();
      }
    }
  });

  it('set only variables the service reads, with values its schema accepts', () => {
    for (const deployment of deployments) {
      const name = deployment.metadata.name;
      const { shape } = SCHEMAS[name]!;
      for (const [variable, value] of Object.entries(variablesOf(deployment.spec.template.spec.containers[0]))) {
        const base = variable.endsWith('_FILE') ? variable.slice(0, -'_FILE'.length) : variable;
        expect(Object.keys(shape), `${name} reads ${variable}`).toContain(base);
        if (variable === base && typeof value === 'string') expect(shape[base]!.safeParse(value).success, `${name}: ${variable}=${value}`).toBe(true);
      }
    }
  });

  it('reference secrets by name and read every *_FILE from a mounted secret', () => {
    expect(ofKind('Secret'), 'no Secret is committed').toEqual([]);
    for (const deployment of deployments) {
      const spec = deployment.spec.template.spec;
      const [container] = spec.containers;
      const volumes = new Map(spec.volumes.map((v: Manifest) => [v.name, v]));
      for (const [variable, path] of Object.entries(variablesOf(container))) {
        if (!variable.endsWith('_FILE')) continue;
        const mount = container.volumeMounts.find((m: Manifest) => typeof path === 'string' && path.startsWith(`${m.mountPath}/`));
        expect(mount, `${deployment.metadata.name}: ${variable} lies under a mounted volume`).toBeDefined();
        const volume = volumes.get(mount.name) as Manifest;
        expect(volume.secret?.secretName, `${variable} comes from a Secret`).toMatch(/^academy-/);
        const file = (path as string).slice(mount.mountPath.length + 1);
        if (volume.secret.items) expect(volume.secret.items.map((i: Manifest) => i.path)).toContain(file);
      }
    }
  });

  it('route the gateway to the subgraph Services and the subgraphs to the gateway\'s key set', () => {
    const gateway = variablesOf(deployments.find((d) => d.metadata.name === 'gateway').spec.template.spec.containers[0]);
    expect(gateway.TENANCY_MODE).toBe('multi');
    const routes = Object.fromEntries(String(gateway.SUBGRAPH_URLS).split(',').map((pair) => pair.split('=') as [string, string]));
    for (const subgraph of ['tenancy', 'conocer', 'analytics']) expect(routes[subgraph]).toBe(`http://${subgraph}:${DEFAULT_PORTS[subgraph]}/graphql`);
    for (const subgraph of ['tenancy', 'conocer', 'analytics']) {
      const vars = variablesOf(deployments.find((d) => d.metadata.name === subgraph).spec.template.spec.containers[0]);
      expect(vars.CONTEXT_TOKEN_JWKS_URL).toBe(`http://gateway:${DEFAULT_PORTS.gateway}${JWKS_PATH}`);
      expect(vars.NODE_ENV).toBe('production');
    }
    expect(gateway.CONTEXT_TOKEN_PRIVATE_KEY_FILE).toBeDefined();
    expect(gateway.CONTEXT_TOKEN_PUBLIC_KEY_FILE).toBeDefined();
  });

  it('scale the gateway from 2 to 10 replicas at 70% CPU', () => {
    const [hpa] = ofKind('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' });
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([2, 10]);
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
    expect(deployments.find((d) => d.metadata.name === 'gateway').spec.replicas, 'the HPA owns the replica count').toBeUndefined();
  });
});
