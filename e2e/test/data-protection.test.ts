import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { composeSupergraph, type EmbeddedSystem, loadEmbeddedEnvironment, startEmbeddedSystem } from '@academy/embedded';
import { newEvent } from '@academy/event-bus';
import { FieldVault } from '@academy/privacy';
import { createLogger } from '@academy/service-kit';
import { createScratchPostgresDatabase } from '@academy/subgraph-kit';
import { testServices } from '@academy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiKey, gql, hsToken, TEST_HS256_SECRET, type TokenClaims } from './support/auth-system';
import { liftCallerRate } from './support/tenants';

const { postgresAdminUrl, amqpUrl } = testServices();

// The development keys conocer uses when none are configured (see conocer's environment.ts).
const DEV_CURP_KEYS = new Map([['dev1', Buffer.from('ZGV2ZWxvcG1lbnQtY3VycC1rZXktbm90LXNlY3JldCE=', 'base64')]]);
const DEV_BLIND_INDEX_KEY = 'academy-development-curp-blind-index-key-not-secret';
const CURP = 'BOXW310820HNERXN09';
/** Long enough for the block's checks to run while blocked; the expiry test waits for it. */
const BLOCKING_SECONDS = 12;

const modes = [
  { name: 'embedded default (SQLite, in-process bus)', real: false },
  { name: 'PostgreSQL + RabbitMQ', real: true },
].filter((mode) => !mode.real || (postgresAdminUrl !== null && amqpUrl !== null));

const REGISTER = 'mutation($input: RegisterLearnerInput!) { registerLearner(input: $input) { id } }';
const RECORD = 'mutation($input: RecordProgressInput!) { recordProgress(input: $input) { id } }';
const SET_CURP = 'mutation($curp: String!) { setCandidateCurp(curp: $curp) { maskedCurp } }';
const EXPORT = `query($learnerId: ID!) { learnerDataExport(learnerId: $learnerId) {
  learnerId profile { id displayName email }
  analytics { events { id kind courseId percent } certificationMilestones { certificationId status folio } progress { courseId percent } apiOperations }
  conocer { candidateCurp certifications { id curp } completions { courseId } notifications { id } }
} }`;
interface LearnerExport {
  learnerId: string;
  profile: { id: string; displayName: string; email: string | null } | null;
  analytics: { events: { percent: number | null }[]; certificationMilestones: { certificationId: string; status: string; folio: string | null }[]; progress: { courseId: string; percent: number }[]; apiOperations: number };
  conocer: { candidateCurp: string | null; certifications: { id: string; curp: string }[]; completions: unknown[]; notifications: unknown[] };
}

const REQUEST = 'mutation($learnerId: ID!) { requestLearnerCancellation(learnerId: $learnerId) { id state deleteAfter deletedBy } }';
const CONFIRM = 'mutation($learnerId: ID!) { confirmLearnerCancellation(learnerId: $learnerId) { id state deletedBy } }';
const CANCELLATION = 'query($learnerId: ID!) { learnerCancellation(learnerId: $learnerId) { state deletedBy } }';
const AUDIT = 'query($action: String) { auditLog(first: 100, action: $action) { nodes { action target actor reason } } }';

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(modes)('data protection (LFPDPPP): $name', ({ real }) => {
  let system: EmbeddedSystem;
  let dropDatabase: (() => Promise<void>) | undefined;
  const logs: string[] = [];

  beforeAll(async () => {
    const source: NodeJS.ProcessEnv = {
      NODE_ENV: 'test',
      JWT_HS256_SECRET: TEST_HS256_SECRET,
      LEARNER_BLOCKING_PERIOD_SECONDS: String(BLOCKING_SECONDS),
      PRIVACY_RELAY_INTERVAL_MS: '100',
    };
    if (real) {
      const scratch = await createScratchPostgresDatabase(postgresAdminUrl!, 'e2e_privacy');
      Object.assign(source, { DATABASE_URL: scratch.url, AMQP_URL: amqpUrl! });
      dropDatabase = scratch.drop;
    }
    const env = loadEmbeddedEnvironment({ ...source, GATEWAY_PORT: '0', TENANCY_PORT: '0', CONOCER_PORT: '0', ANALYTICS_PORT: '0', CONOCER_SANDBOX_PORT: '0', DATA_DIR: ':memory:', HOST: '127.0.0.1' });
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        logs.push(String(chunk));
        callback();
      },
    });
    const logger = createLogger({ level: 'debug', destination });
    system = await startEmbeddedSystem({ env, source, logger, supergraphSdl: (await composeSupergraph()).supergraphSdl, infrastructurePrefix: real ? `e2e-privacy-${randomUUID().slice(0, 8)}` : undefined });
    // The tests poll as one admin ten times a second.
    await liftCallerRate(system, system.demoTenants.acme);
  }, 120_000);

  afterAll(async () => {
    await system?.close();
    await dropDatabase?.();
  });

  const as = async (claims: TokenClaims) => bearer(await hsToken(claims));
  const admin = () => as({ tenant: 'acme', roles: ['tenant_admin'], sub: 'acme-admin' });
  const learner = (sub: string) => as({ tenant: 'acme', roles: ['learner'], sub, scope: 'certifications:write' });
  const dialect = () => system.subgraphs.conocer.runtime.database.dialect;
  const table = (schema: string, name: string) => (dialect() === 'postgresql' ? `"${schema}"."${name}"` : name);
  const raw = (service: 'tenancy' | 'conocer' | 'analytics', sql: string, params: unknown[] = []) =>
    system.subgraphs[service].runtime.database.orm.em.getConnection().execute<Record<string, unknown>[]>(sql, params);

  async function data<T = Record<string, unknown>>(reply: ReturnType<typeof gql>): Promise<T> {
    const { body } = await reply;
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data as T;
  }
  async function code(reply: ReturnType<typeof gql>) {
    const { body, status } = await reply;
    return { code: body.errors?.[0]?.extensions?.code, status };
  }

  /** A learner with a profile, an email, progress (one course completed) and a CURP on file. */
  async function learnerWithData(id = `learner-${randomUUID().slice(0, 8)}`) {
    const email = `${id}@privacy.example`;
    await data(gql(system, REGISTER, { input: { id, displayName: 'Marta Privada', email } }, await admin()));
    await data(gql(system, RECORD, { input: { learnerId: id, courseId: 'privacy-course', percent: 40 } }, await learner(id)));
    await data(gql(system, RECORD, { input: { learnerId: id, courseId: 'privacy-course', percent: 100 } }, await learner(id)));
    await data(gql(system, SET_CURP, { curp: CURP }, await learner(id)));
    return { id, email };
  }

  /** A certification of the learner issued, as conocer announces it on the bus; resolves once analytics stored it in the timeline. */
  async function certificationIssued(learnerId: string) {
    const certificationId = randomUUID();
    const folio = `CNC-${certificationId.slice(0, 8)}`;
    await system.infrastructure.bus.publish(
      newEvent('certification.updated', system.demoTenants.acme!, { certificationId, learnerId, standardCode: 'EC0217.01', status: 'ISSUED', folio, reason: null, occurredAt: new Date().toISOString() }),
    );
    const stored = async () => Number((await raw('analytics', `select count(*) as n from ${table('analytics', 'analytics_certification_milestone')} where learner_id = ?`, [learnerId]))[0]!.n);
    expect(await eventually(stored, (n) => n === 1)).toBe(1);
    return { certificationId, folio };
  }

  it('stores the CURP only as ciphertext, found by its blind index', async () => {
    const { id } = await learnerWithData();
    const [row] = await raw('conocer', `select curp_ciphertext, curp_key_id, curp_index from ${table('conocer', 'learner_profile')} where learner_id = ?`, [id]);
    expect(String(row!.curp_ciphertext)).toMatch(/^v1\./);
    expect(String(row!.curp_ciphertext)).not.toContain(CURP);
    expect(row!.curp_key_id).toBe('dev1');
    const index = new FieldVault(DEV_CURP_KEYS, 'dev1', DEV_BLIND_INDEX_KEY).blindIndex('curp', CURP);
    const found = await raw('conocer', `select learner_id from ${table('conocer', 'learner_profile')} where curp_index = ?`, [index]);
    expect(found.map((r: Record<string, unknown>) => r.learner_id)).toContain(id);
  });

  it('exports every subgraph’s section through the gateway; the CURP in clear only for the learner', async () => {
    const { id, email } = await learnerWithData();
    const certificate = await certificationIssued(id);
    const own = await data<{ learnerDataExport: LearnerExport }>(gql(system, EXPORT, { learnerId: id }, await learner(id)));
    const mine = own.learnerDataExport;
    expect(mine.profile).toEqual({ id, displayName: 'Marta Privada', email });
    expect(mine.analytics.events.map((e) => e.percent)).toEqual([40, 100]);
    expect(mine.analytics.certificationMilestones).toEqual([{ ...certificate, status: 'ISSUED' }]);
    expect(mine.analytics.progress).toEqual([{ courseId: 'privacy-course', percent: 100 }]);
    expect(mine.conocer.candidateCurp).toBe(CURP);
    const byAdmin = (await data<{ learnerDataExport: LearnerExport }>(gql(system, EXPORT, { learnerId: id }, await admin()))).learnerDataExport;
    expect(byAdmin.conocer.candidateCurp).toBe('BOXW************09');
    expect(byAdmin.profile?.email).toBe(email);
    // Nothing personal reached a log line in clear, though the requests carried it.
    const text = logs.join('');
    expect(text).toContain('"service":"tenancy"');
    expect(text).not.toContain(CURP);
    expect(text).not.toContain(email);
  });

  it('refuses other learners, instructors, partner keys, anonymous callers and bad input', async () => {
    const { id } = await learnerWithData();
    expect(await code(gql(system, EXPORT, { learnerId: id }, await learner('someone-else')))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await code(gql(system, EXPORT, { learnerId: id }, await as({ tenant: 'acme', roles: ['instructor'] })))).toMatchObject({ code: 'FORBIDDEN' });
    const key = await createApiKey(system, 'acme', ['learners:read', 'progress:read', 'certifications:read']);
    expect(await code(gql(system, EXPORT, { learnerId: id }, { 'x-api-key': key.key }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await code(gql(system, EXPORT, { learnerId: id }, { 'x-tenant-id': 'acme' }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    // Another tenant's admin reaches only their own tenant, where the learner has no data.
    const globex = (await data<{ learnerDataExport: LearnerExport }>(gql(system, EXPORT, { learnerId: id }, await as({ tenant: 'globex', roles: ['tenant_admin'] })))).learnerDataExport;
    expect(globex).toMatchObject({ profile: null, analytics: { events: [] }, conocer: { candidateCurp: null, certifications: [] } });
    expect(await code(gql(system, EXPORT, { learnerId: '' }, await admin()))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await code(gql(system, REQUEST, { learnerId: 'x'.repeat(201) }, await admin()))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await code(gql(system, REQUEST, { learnerId: id }, await learner('someone-else')))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await code(gql(system, CONFIRM, { learnerId: id }, await admin()))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await code(gql(system, REQUEST, { learnerId: 'never-registered' }, await admin()))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('blocks, then deletes in every subgraph on an admin’s confirmation, with audit records', async () => {
    const { id } = await learnerWithData();
    await certificationIssued(id);
    const requested = await data<{ requestLearnerCancellation: { state: string } }>(gql(system, REQUEST, { learnerId: id }, await learner(id)));
    expect(requested.requestLearnerCancellation.state).toBe('BLOCKED');

    // Blocked: events about the learner are refused with the stable code, in analytics and conocer.
    const refused = await eventually(
      async () => code(gql(system, RECORD, { input: { learnerId: id, courseId: 'privacy-course', percent: 50 } }, await learner(id))),
      (r) => r.code === 'LEARNER_DATA_BLOCKED',
    );
    expect(refused.code).toBe('LEARNER_DATA_BLOCKED');
    expect(await eventually(async () => code(gql(system, SET_CURP, { curp: CURP }, await learner(id))), (r) => r.code === 'LEARNER_DATA_BLOCKED')).toMatchObject({ code: 'LEARNER_DATA_BLOCKED' });
    // …and hidden, though still stored.
    expect(await data(gql(system, 'query($id: ID!) { learner(id: $id) { id } }', { id }, await admin()))).toEqual({ learner: null });
    const progress = await data<{ progressEvents: { nodes: unknown[] } }>(gql(system, 'query($id: String) { progressEvents(learnerId: $id) { nodes { id } } }', { id }, await admin()));
    expect(progress.progressEvents.nodes).toEqual([]);
    const standing = await data<{ learnerProgress: { courses: unknown[]; timeline: unknown[] } }>(gql(system, 'query($id: ID!) { learnerProgress(learnerId: $id) { courses { courseId } timeline { kind } } }', { id }, await admin()));
    expect(standing.learnerProgress).toEqual({ courses: [], timeline: [] });
    expect(await code(gql(system, EXPORT, { learnerId: id }, await learner(id)))).toMatchObject({ code: 'LEARNER_DATA_BLOCKED' });
    expect(await code(gql(system, REGISTER, { input: { id, displayName: 'Again' } }, await admin()))).toMatchObject({ code: 'LEARNER_DATA_BLOCKED' });
    const stored = await raw('analytics', `select count(*) as n from ${table('analytics', 'analytics_events')} where learner_id = ?`, [id]);
    expect(Number(stored[0]!.n)).toBeGreaterThan(0);

    // Only an admin confirms early.
    expect(await code(gql(system, CONFIRM, { learnerId: id }, await learner(id)))).toMatchObject({ code: 'FORBIDDEN' });
    const confirmed = await data<{ confirmLearnerCancellation: { state: string; deletedBy: string } }>(gql(system, CONFIRM, { learnerId: id }, await admin()));
    expect(confirmed.confirmLearnerCancellation).toMatchObject({ state: 'DELETED', deletedBy: 'acme-admin' });

    const counts = async () => ({
      tenancy: Number((await raw('tenancy', `select count(*) as n from ${table('tenancy', 'learner')} where id = ?`, [id]))[0]!.n),
      events: Number((await raw('analytics', `select count(*) as n from ${table('analytics', 'analytics_events')} where learner_id = ?`, [id]))[0]!.n),
      completions: Number((await raw('analytics', `select count(*) as n from ${table('analytics', 'analytics_course_completion')} where learner_id = ?`, [id]))[0]!.n),
      certificationMilestones: Number((await raw('analytics', `select count(*) as n from ${table('analytics', 'analytics_certification_milestone')} where learner_id = ?`, [id]))[0]!.n),
      profile: Number((await raw('conocer', `select count(*) as n from ${table('conocer', 'learner_profile')} where learner_id = ?`, [id]))[0]!.n),
      conocerCompletions: Number((await raw('conocer', `select count(*) as n from ${table('conocer', 'course_completion')} where learner_id = ?`, [id]))[0]!.n),
    });
    expect(await eventually(counts, (c) => Object.values(c).every((n) => n === 0))).toEqual({ tenancy: 0, events: 0, completions: 0, certificationMilestones: 0, profile: 0, conocerCompletions: 0 });

    // Who, when, what: the request, and each step in each subgraph.
    const audit = async () => (await data<{ auditLog: { nodes: { action: string; target: string; actor: string; reason: string | null }[] } }>(gql(system, AUDIT, {}, await admin()))).auditLog.nodes.filter((n) => n.target === `learner/${id}`);
    const entries = await eventually(audit, (nodes) => nodes.filter((n) => n.action === 'learner.cancellation.delete').length === 3);
    const summary = entries.map((e) => `${e.action} ${(e.reason ?? '').split(':')[0]}`).sort();
    expect(summary, JSON.stringify(summary)).toEqual(
      expect.arrayContaining([
        'learner.cancellation.request ',
        'learner.cancellation.block tenancy',
        'learner.cancellation.block analytics',
        'learner.cancellation.block conocer',
        'learner.cancellation.confirm ',
        'learner.cancellation.delete tenancy',
        'learner.cancellation.delete analytics',
        'learner.cancellation.delete conocer',
      ]),
    );
    expect(entries.find((e) => e.action === 'learner.cancellation.request')?.actor).toBe(id);
    expect(entries.find((e) => e.action === 'learner.cancellation.delete' && e.reason?.startsWith('analytics'))?.actor).toBe('acme-admin');
    // Still refused after the deletion: late events cannot bring the data back.
    expect(await code(gql(system, RECORD, { input: { learnerId: id, courseId: 'privacy-course', percent: 10 } }, await learner(id)))).toMatchObject({ code: 'LEARNER_DATA_BLOCKED' });
  }, 60_000);

  it('deletes by itself when the blocking period ends', async () => {
    const { id } = await learnerWithData();
    await data(gql(system, REQUEST, { learnerId: id }, await admin()));
    const state = await eventually(
      async () => (await data<{ learnerCancellation: { state: string; deletedBy: string } | null }>(gql(system, CANCELLATION, { learnerId: id }, await admin()))).learnerCancellation,
      (c) => c?.state === 'DELETED',
      BLOCKING_SECONDS * 1000 + 20_000,
    );
    expect(state).toEqual({ state: 'DELETED', deletedBy: 'system' });
    const events = await eventually(
      async () => Number((await raw('analytics', `select count(*) as n from ${table('analytics', 'analytics_events')} where learner_id = ?`, [id]))[0]!.n),
      (n) => n === 0,
    );
    expect(events).toBe(0);
  }, BLOCKING_SECONDS * 1000 + 40_000);
});
