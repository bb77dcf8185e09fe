import type { Principal } from '@academy/service-kit';
import type { Infrastructure } from '@academy/subgraph-kit';
import { testServices } from '@academy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConocerHarness, createTestDatabase, dialects, startConocer, type TestDatabase } from './harness';
import { LIST, ONE, type Page } from './queries';
import { redisInfrastructure, type SandboxFixture, startSandbox } from './sandbox-fixture';

const { redisUrl } = testServices();
const JOB_FIELDS = 'id mode trigger status requestedBy updatedSince startedAt finishedAt progress { processed total } report { added updated retired unchanged } failure { code message }';
const SYNC = `mutation Sync($mode: StandardsSyncMode) { syncCompetencyStandards(mode: $mode) { ${JOB_FIELDS} } }`;
const JOB = `query Job($id: ID!) { standardsSyncJob(id: $id) { ${JOB_FIELDS} } }`;
const HEALTH = '{ conocerSync { syncStatus lastSyncTime pendingSubmissions errorRate } }';

const platformAdmin: Partial<Principal> = { tenantId: null, subject: 'ops-1', roles: ['platform_admin'], authMethod: 'jwt' };

/** Caches are invalidated by an event, a moment after the job ends: read until the expected answer arrives (or fail). */
async function eventually<T>(read: () => Promise<T>, expected: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 100 && !expected(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}

interface Job {
  id: string;
  mode: string;
  status: string;
  updatedSince: string | null;
  finishedAt: string | null;
  progress: { processed: number; total: number | null };
  report: { added: number; updated: number; retired: number; unchanged: number } | null;
  failure: { code: string; message: string } | null;
}

describe.each(dialects)('standards sync from the CONOCER sandbox on $name', ({ name, enabled }) => {
  describe.runIf(enabled)('over HTTP', () => {
    let sandbox: SandboxFixture;
    let database: TestDatabase;
    let conocer: ConocerHarness;
    let infrastructure: Infrastructure | undefined;
    /** Every `standards.synced` event the service published. */
    const events: unknown[] = [];

    const as = async (principal: Partial<Principal>, query: string, variables: Record<string, unknown> = {}) =>
      conocer.call(query, variables, { 'x-academy-context': await conocer.token('conocer', principal) });
    const startSync = async (mode: 'FULL' | 'INCREMENTAL'): Promise<Job> => {
      const { body } = await as(platformAdmin, SYNC, { mode });
      expect(body.errors).toBeUndefined();
      return (body.data as { syncCompetencyStandards: Job }).syncCompetencyStandards;
    };
    const finished = async (id: string): Promise<Job> => {
      for (let i = 0; i < 600; i++) {
        const job = ((await as(platformAdmin, JOB, { id })).body.data as { standardsSyncJob: Job }).standardsSyncJob;
        if (job.status !== 'RUNNING') return job;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`job ${id} still running`);
    };
    const standard = async (code: string) => ((await conocer.call(ONE, { code })).body.data as { competencyStandard: Record<string, unknown> | null }).competencyStandard;
    const retiredOf = async (code: string) => ((await conocer.call('query($code: String!) { competencyStandard(code: $code) { retired } }', { code })).body.data as { competencyStandard: { retired: boolean } }).competencyStandard.retired;
    const listed = async (search: string) => ((await conocer.call(LIST, { filter: { search }, first: 5 })).body.data as { competencyStandards: Page }).competencyStandards;

    beforeAll(async () => {
      sandbox = await startSandbox();
      database = await createTestDatabase(name);
      // PostgreSQL runs also put the catalog cache and the sync lock on Redis, as production does.
      infrastructure = name === 'postgresql' && redisUrl ? redisInfrastructure(redisUrl) : undefined;
      conocer = await startConocer(database, { env: sandbox.env, infrastructure });
      await conocer.runtime.infrastructure.bus.broadcast(['standards.synced'], async (event) => {
        events.push(event.payload);
      });
    });
    afterAll(async () => {
      await conocer?.close();
      await infrastructure?.close();
      await database?.drop();
      await sandbox?.sandbox.close();
    });

    it('is for platform admins only', async () => {
      const refusals = [
        [{ tenantId: null, subject: null, authMethod: 'anonymous' }, 'UNAUTHENTICATED'],
        [{ tenantId: 'tenant-1', subject: 'admin-1', roles: ['tenant_admin'], authMethod: 'jwt' }, 'FORBIDDEN'],
        [{ tenantId: 'tenant-1', subject: 'key-1', roles: ['partner'], scopes: ['standards:read'], authMethod: 'api_key' }, 'FORBIDDEN'],
      ] as const;
      for (const [principal, code] of refusals) {
        for (const [query, variables] of [[SYNC, { mode: 'FULL' }], [JOB, { id: '00000000-0000-4000-8000-000000000000' }], [HEALTH, {}]] as const) {
          const { body } = await as(principal as Partial<Principal>, query, variables);
          expect(body.errors?.[0]?.extensions?.code, `${principal.authMethod} ${query.slice(0, 30)}`).toBe(code);
        }
      }
      expect(((await as(platformAdmin, '{ standardsSyncJobs { id } }')).body.data as { standardsSyncJobs: unknown[] }).standardsSyncJobs).toEqual([]);
    });

    it('reports the integration HEALTHY before any sync, with no pending submissions', async () => {
      const { body } = await as(platformAdmin, HEALTH);
      expect(body.data).toEqual({ conocerSync: { syncStatus: 'HEALTHY', lastSyncTime: null, pendingSubmissions: 0, errorRate: 0 } });
    });

    it('runs a full sync as a job with progress and a report, and the catalog (cache included) follows', async () => {
      // Cached before the sync: the answers below must come from the invalidated cache, not stale ones.
      const before = await standard('EC0010');
      expect((await listed('catalogo sincronizado')).totalCount).toBe(0);
      await sandbox.admin('PATCH', '/admin/standards/EC0010', { title: 'Título sincronizado desde CONOCER', level: 4 });
      await sandbox.admin('PATCH', '/admin/standards/EC0004', { retired: true });
      await sandbox.admin('POST', '/admin/standards', { code: 'EC9001', title: 'Catálogo sincronizado: estándar nuevo', level: 2, committee: 'Comité de prueba', sector: null });

      const started = await startSync('FULL');
      expect(started).toMatchObject({ mode: 'FULL', status: 'RUNNING', report: null, failure: null });
      const job = await finished(started.id);
      expect(job).toMatchObject({ status: 'SUCCEEDED', progress: { processed: 1478, total: 1478 }, failure: null, finishedAt: expect.any(String) });
      expect(job.report).toEqual({ added: 1, updated: 1, retired: 1, unchanged: 1475 });

      const updated = { ...before, title: 'Título sincronizado desde CONOCER', level: 4 };
      expect(await eventually(() => standard('EC0010'), (s) => s?.title === updated.title)).toEqual(updated);
      expect(await retiredOf('EC0004')).toBe(true);
      expect((await listed('catalogo sincronizado')).nodes.map((n) => n.code)).toEqual(['EC9001']);
      expect((await conocer.call(LIST, { first: 1 })).body.data).toMatchObject({ competencyStandards: { totalCount: 1477 } });
      expect(await eventually(async () => events, (e) => e.length > 0)).toEqual([{ jobId: job.id, mode: 'FULL', added: 1, updated: 1, retired: 1 }]);
    });

    it('runs an incremental sync over what changed since the last one', async () => {
      await sandbox.admin('PATCH', '/admin/standards/EC0017', { title: 'Cambio incremental' });
      await sandbox.admin('PATCH', '/admin/standards/EC0004', { retired: false });
      const job = await finished((await startSync('INCREMENTAL')).id);
      // The full sync's changes fall inside the 5-minute overlap and are read again: EC0010 and EC9001 unchanged, EC0004 and EC0017 changed.
      expect(job).toMatchObject({ mode: 'INCREMENTAL', status: 'SUCCEEDED', updatedSince: expect.any(String), progress: { processed: 4, total: 4 } });
      expect(job.report).toEqual({ added: 0, updated: 2, retired: 0, unchanged: 2 });
      expect((await eventually(() => standard('EC0017'), (s) => s?.title === 'Cambio incremental'))?.title).toBe('Cambio incremental');
      expect(await retiredOf('EC0004')).toBe(false);
    });

    it('refuses a second sync while one runs', async () => {
      await sandbox.fault({ kind: 'latency', latencyMs: 1500, operations: ['standards'], times: 1 });
      const running = await startSync('INCREMENTAL');
      const { body } = await as(platformAdmin, SYNC, { mode: 'FULL' });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', jobId: running.id });
      expect((await finished(running.id)).status).toBe('SUCCEEDED');
    });

    it('fails the job with a reason when CONOCER goes down midway, leaving the catalog as it was', async () => {
      const title = (await standard('EC0030'))?.title;
      await sandbox.admin('PATCH', '/admin/standards/EC0030', { title: 'Nunca aplicado' });
      await sandbox.admin('POST', '/admin/standards', { code: 'EC9002', title: 'Tampoco aplicado', level: 1, committee: 'Comité', sector: null });
      // The first page (EC0030 is on it) arrives; every later one meets an outage.
      await sandbox.fault({ kind: 'outage', operations: ['standards'], skip: 1, durationMs: 600_000 });
      const job = await finished((await startSync('FULL')).id);
      expect(job).toMatchObject({ status: 'FAILED', report: null, progress: { processed: 500, total: 1479 }, failure: { code: 'CONOCER_UNAVAILABLE', message: expect.stringContaining('unavailable') } });
      expect((await standard('EC0030'))?.title).toBe(title);
      expect(await standard('EC9002')).toBeNull();

      const health = ((await as(platformAdmin, HEALTH)).body.data as { conocerSync: { syncStatus: string; lastSyncTime: string; errorRate: number } }).conocerSync;
      expect(['DEGRADED', 'FAILING']).toContain(health.syncStatus);
      expect(health.errorRate).toBeGreaterThan(0);
      expect(health.lastSyncTime).not.toBeNull();

      await sandbox.clearFaults();
      const retried = await finished((await startSync('FULL')).id);
      expect(retried).toMatchObject({ status: 'SUCCEEDED', report: { added: 1, updated: 1, retired: 0 } });
      expect((await eventually(() => standard('EC0030'), (s) => s?.title === 'Nunca aplicado'))?.title).toBe('Nunca aplicado');
      const jobs = ((await as(platformAdmin, '{ standardsSyncJobs(first: 2) { id status } }')).body.data as { standardsSyncJobs: { id: string; status: string }[] }).standardsSyncJobs;
      expect(jobs).toEqual([{ id: retried.id, status: 'SUCCEEDED' }, { id: job.id, status: 'FAILED' }]);
    });
  });
});
