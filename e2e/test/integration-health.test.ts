import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EmbeddedSystem } from '@academy/embedded';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, eventually, gql, hsToken, startAuthSystem } from './support/auth-system';
import { systemTool } from './support/tools';

const HEALTH = `{ integrationHealth {
  apiGateway { windowSeconds requestRate errorRate responseTime tenantDistribution { tenant requests } history { at requestRate errorRate responseTime } }
  conocerSync { syncStatus lastSyncTime pendingSubmissions errorRate }
  dataPipeline { eventsProcessed processingLatency queueDepth errorRate history { at eventsProcessed processingLatency errorRate } } } }`;
const RECORD = 'mutation($input: RecordProgressInput!) { recordProgress(input: $input) { id } }';

interface Health {
  apiGateway: {
    windowSeconds: number;
    requestRate: number;
    errorRate: number;
    responseTime: number;
    tenantDistribution: { tenant: string; requests: number }[];
    history: { at: string; requestRate: number; errorRate: number; responseTime: number }[];
  };
  conocerSync: { syncStatus: string; lastSyncTime: string | null; pendingSubmissions: number; errorRate: number };
  dataPipeline: { eventsProcessed: number; processingLatency: number; queueDepth: number; errorRate: number; history: { at: string; eventsProcessed: number }[] };
}

const chromiumPath = systemTool('chromium', ['/usr/bin/chromium']);
const ARTIFACTS = join(__dirname, '..', 'artifacts');

let system: EmbeddedSystem;
let admin: Record<string, string>;
/** Requests the suite made as acme's instructor, and how many of them failed (an out-of-range percent). */
const traffic = { acme: 0, failed: 0 };
/** acme's id: the usage log names tenants by id. */
let acmeId: string;

async function health(headers = admin) {
  return gql<{ integrationHealth: Health }>(system, HEALTH, {}, headers);
}

beforeAll(async () => {
  system = await startAuthSystem();
  admin = bearer(await hsToken({ sub: 'ops-1', roles: ['platform_admin'] }));
  acmeId = (await gql<{ tenant: { id: string } }>(system, '{ tenant(slug: "acme") { id } }', {}, admin)).body.data!.tenant.id;
  const instructor = { ...bearer(await hsToken({ sub: 'teacher-1', tenant: 'acme', roles: ['instructor'] })), 'x-tenant-id': 'acme' };
  // Real traffic: progress through the pipeline, catalog reads, and a failing operation (an unknown standard).
  for (let i = 0; i < 6; i++) {
    const reply = await gql(system, RECORD, { input: { learnerId: 'ana.lopez', courseId: 'health-course', percent: 10 + i } }, instructor);
    expect(reply.body.errors).toBeUndefined();
    traffic.acme++;
  }
  for (let i = 0; i < 3; i++) {
    await gql(system, '{ competencyStandards(first: 2) { nodes { code } } }', {}, instructor);
    traffic.acme++;
  }
  await gql(system, RECORD, { input: { learnerId: 'ana.lopez', courseId: 'health-course', percent: 500 } }, instructor);
  traffic.acme++;
  traffic.failed++;
  // A standards sync against the bundled CONOCER sandbox, so the sync has a last success.
  const sync = await gql<{ syncCompetencyStandards: { id: string } }>(system, 'mutation { syncCompetencyStandards(mode: FULL) { id } }', {}, admin);
  expect(sync.body.errors).toBeUndefined();
  await eventually(async () => {
    const job = await gql<{ standardsSyncJob: { status: string } }>(system, 'query($id: ID!) { standardsSyncJob(id: $id) { status } }', { id: sync.body.data!.syncCompetencyStandards.id }, admin);
    return job.body.data?.standardsSyncJob.status === 'SUCCEEDED';
  }, 60_000);
  // The usage log is written from batches on the bus: wait until all of acme's operations are in.
  await eventually(async () => ((await health()).body.data?.integrationHealth.apiGateway.tenantDistribution.find((t) => t.tenant === acmeId)?.requests ?? 0) >= traffic.acme, 30_000);
});

afterAll(() => system?.close());

describe('integrationHealth', () => {
  it('reports live gateway traffic, the CONOCER sync and the pipeline to platform admins', async () => {
    const { body } = await health();
    expect(body.errors).toBeUndefined();
    const { apiGateway, conocerSync, dataPipeline } = body.data!.integrationHealth;
    const acme = apiGateway.tenantDistribution.find((t) => t.tenant === acmeId)!;
    expect(acme.requests).toBeGreaterThanOrEqual(traffic.acme);
    const total = apiGateway.tenantDistribution.reduce((sum, t) => sum + t.requests, 0);
    expect(apiGateway.windowSeconds).toBe(300);
    expect(apiGateway.requestRate).toBeCloseTo(total / 300, 6);
    expect(apiGateway.errorRate).toBeGreaterThan(0);
    expect(apiGateway.errorRate).toBeLessThan(1);
    expect(apiGateway.responseTime).toBeGreaterThan(0);
    expect(apiGateway.history.length).toBeGreaterThan(0);
    expect(apiGateway.history.reduce((sum, m) => sum + m.requestRate, 0)).toBeGreaterThan(0);

    expect(conocerSync.syncStatus).toBe('HEALTHY');
    expect(Date.parse(conocerSync.lastSyncTime!)).toBeGreaterThan(Date.now() - 120_000);
    expect(conocerSync.pendingSubmissions).toBe(0);

    // The demo seed and the suite's events went through the answering replica's pipeline.
    expect(dataPipeline.eventsProcessed).toBeGreaterThanOrEqual(6);
    expect(dataPipeline.processingLatency).toBeGreaterThan(0);
    expect(dataPipeline.queueDepth).toBe(0);
    expect(dataPipeline.history.reduce((sum, m) => sum + m.eventsProcessed, 0)).toBeGreaterThanOrEqual(6);
  });

  it('refuses everyone but platform admins, on the root field and through the entity', async () => {
    const tenantAdmin = { ...bearer(await hsToken({ sub: 'boss', tenant: 'acme', roles: ['tenant_admin'] })), 'x-tenant-id': 'acme' };
    const forbidden = await health(tenantAdmin);
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(forbidden.body.data?.integrationHealth ?? null).toBeNull();
    const anonymous = await health({});
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body.data?.integrationHealth ?? null).toBeNull();
  });
});

describe.skipIf(!chromiumPath)(`the /dashboard page in Chromium${chromiumPath ? '' : ' (skipped: chromium is not installed; apt-get install chromium)'}`, () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath!,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  afterAll(() => browser?.close());

  /** Opens the dashboard in a fresh context (its own sessionStorage) and signs in with `token`. */
  async function signIn(token: string) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 1100 } });
    const page = await context.newPage();
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(system.gateway.url)) external.push(request.url());
    });
    const response = await page.goto(`${system.gateway.url}/dashboard`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    await page.fill('#credential', token);
    await page.click('#sign-in button[type=submit]');
    return { context, page, external };
  }

  it('shows every figure with live values and draws the charts for a platform admin, refreshing itself', async () => {
    const { context, page, external } = await signIn(await hsToken({ sub: 'ops-1', roles: ['platform_admin'] }));
    // Two refreshes: the page keeps itself up to date.
    await page.waitForFunction(() => Number((globalThis as unknown as { document: { body: { dataset: { refreshes?: string } } } }).document.body.dataset.refreshes ?? 0) >= 2, undefined, {
      timeout: 20_000,
    });
    const figures: Record<string, { value: string | null; text: string | null }> = await page.$$eval('[data-figure]', (nodes) =>
      Object.fromEntries(nodes.map((n) => [n.getAttribute('data-figure'), { value: n.getAttribute('data-value'), text: n.textContent }])),
    );
    expect(Object.keys(figures).sort()).toEqual(
      [
        'apiGateway.errorRate',
        'apiGateway.requestRate',
        'apiGateway.responseTime',
        'conocerSync.errorRate',
        'conocerSync.lastSyncTime',
        'conocerSync.pendingSubmissions',
        'conocerSync.syncStatus',
        'dataPipeline.errorRate',
        'dataPipeline.eventsProcessed',
        'dataPipeline.processingLatency',
        'dataPipeline.queueDepth',
      ].sort(),
    );
    for (const live of ['apiGateway.requestRate', 'apiGateway.errorRate', 'apiGateway.responseTime', 'dataPipeline.eventsProcessed', 'dataPipeline.processingLatency']) {
      expect(Number(figures[live]!.value), live).toBeGreaterThan(0);
    }
    expect(figures['conocerSync.syncStatus']!.text).toBe('HEALTHY');
    expect(Date.parse(figures['conocerSync.lastSyncTime']!.value!)).toBeGreaterThan(0);
    for (const figure of Object.values(figures)) expect(figure.text).not.toBe('');

    const charts: Record<string, { points: number; marks: number }> = await page.$$eval('svg[data-chart]', (nodes) =>
      Object.fromEntries(nodes.map((n) => [n.getAttribute('data-chart'), { points: Number(n.getAttribute('data-points')), marks: n.querySelectorAll('polyline, circle, rect').length }])),
    );
    expect(Object.keys(charts)).toHaveLength(6);
    for (const [name, chart] of Object.entries(charts)) {
      expect(chart.points, name).toBeGreaterThan(0);
      expect(chart.marks, name).toBeGreaterThan(0);
    }
    const tenants = await page.$$eval('svg[data-chart="apiGateway.tenantDistribution"] text', (nodes) => nodes.map((n) => n.textContent));
    expect(tenants.some((t) => t?.startsWith(`${acmeId.slice(0, 13)} (`))).toBe(true);
    expect(external).toEqual([]);
    expect(await page.isHidden('#sign-in')).toBe(true);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    await context.close();
  });

  it('refuses a non-admin: the figures stay hidden and empty', async () => {
    const { context, page } = await signIn(await hsToken({ sub: 'boss', tenant: 'acme', roles: ['tenant_admin'] }));
    await page.waitForSelector('#refused:not([hidden])', { timeout: 10_000 });
    expect(await page.textContent('#refused')).toContain('FORBIDDEN');
    expect(await page.isHidden('#figures')).toBe(true);
    const values = await page.$$eval('[data-figure]', (nodes) => nodes.map((n) => n.getAttribute('data-value') ?? ''));
    expect(values.every((v) => v === '')).toBe(true);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await context.close();
  });
});
