import { loadCompetencyStandards } from '@academy/renec';
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_UPDATED_AT } from '../src';
import { CLIENT, type Json, useSandbox } from './sandbox-client';

const ACCREDITED = { evaluationCenterId: 'ECE-00001', standardCode: 'EC0002' };
const item = (key: string, overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: key,
  curp: 'BOXW310820HNERXN09',
  judgment: 'COMPETENTE',
  evaluatedOn: '2025-10-01',
  ...ACCREDITED,
  ...overrides,
});
const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
};

describe('CONOCER sandbox: OAuth2 client credentials', () => {
  const harness = useSandbox();

  it('issues expiring bearer tokens for the configured client, by form body or HTTP Basic', async () => {
    const { request, url } = harness();
    const form = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret }),
    });
    expect(form.status).toBe(200);
    expect(await form.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3600, access_token: expect.any(String) });
    const basic = await request('POST', '/oauth/token', {
      body: { grant_type: 'client_credentials' },
      headers: { authorization: `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}` },
    });
    expect(basic.status).toBe(200);
  });

  it('refuses a wrong secret, an unknown client and other grant types', async () => {
    const { request } = harness();
    const wrong = await request('POST', '/oauth/token', { body: { grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: 'nope' } });
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const stranger = await request('POST', '/oauth/token', { body: { grant_type: 'client_credentials', client_id: 'other', client_secret: CLIENT.secret } });
    expect(stranger.status).toBe(401);
    const password = await request('POST', '/oauth/token', { body: { grant_type: 'password', client_id: CLIENT.id, client_secret: CLIENT.secret } });
    expect(password).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
  });

  it('answers 401 without a token, with a forged one and with an expired one, saying which', async () => {
    const { request, token } = harness();
    expect((await request('GET', '/v1/standards')).status).toBe(401);
    const forged = await request('GET', '/v1/standards', { token: 'forged' });
    expect(forged).toMatchObject({ status: 401, body: { error: { code: 'INVALID_TOKEN' } } });
    const valid = await token();
    expect((await request('GET', '/v1/standards', { token: valid })).status).toBe(200);
    expect((await request('POST', '/admin/tokens/expire')).body.expired).toBeGreaterThan(0);
    const expired = await request('GET', '/v1/standards', { token: valid });
    expect(expired).toMatchObject({ status: 401, body: { error: { code: 'TOKEN_EXPIRED' } } });
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });
});

describe('CONOCER sandbox: standards catalog', () => {
  const harness = useSandbox();
  const snapshot = loadCompetencyStandards();

  it('pages through the whole RENEC snapshot in code order', async () => {
    const { request, token } = harness();
    const bearer = await token();
    const codes: string[] = [];
    for (let page = 1; ; page++) {
      const { body } = await request('GET', `/v1/standards?page=${page}&pageSize=500`, { token: bearer });
      expect(body.total).toBe(snapshot.length);
      codes.push(...body.items.map((s: Json) => s.code));
      if (body.items.length < 500) break;
    }
    expect(codes).toEqual(snapshot.map((s) => s.code).sort());
    const { body } = await request('GET', '/v1/standards?pageSize=1', { token: bearer });
    expect(body.items[0]).toEqual({ ...body.items[0], updatedAt: SNAPSHOT_UPDATED_AT, retired: false });
  });

  it('lists only what changed since a time, once the catalog changes at run time', async () => {
    const { request, token } = harness();
    const bearer = await token();
    const since = new Date().toISOString();
    expect((await request('GET', `/v1/standards?updatedSince=${since}`, { token: bearer })).body.total).toBe(0);
    const retired = await request('PATCH', '/admin/standards/EC0004', { body: { retired: true } });
    expect(retired.body).toMatchObject({ code: 'EC0004', retired: true });
    await request('PATCH', '/admin/standards/EC0010', { body: { title: 'Título actualizado' } });
    const added = await request('POST', '/admin/standards', { body: { code: 'EC9001', title: 'Nuevo estándar', level: 2, committee: null, sector: null } });
    expect(added.status).toBe(200);
    const { body } = await request('GET', `/v1/standards?updatedSince=${encodeURIComponent(since)}`, { token: bearer });
    expect(body.items.map((s: Json) => s.code)).toEqual(['EC0004', 'EC0010', 'EC9001']);
    expect(new Set(body.items.map((s: Json) => s.updatedAt)).size).toBe(3);
  });

  it('refuses bad paging and date parameters and bad catalog changes with codes', async () => {
    const { request, token } = harness();
    const bearer = await token();
    expect((await request('GET', '/v1/standards?pageSize=501', { token: bearer })).body.error.code).toBe('INVALID_PARAMETER');
    expect((await request('GET', '/v1/standards?updatedSince=yesterday', { token: bearer })).body.error.code).toBe('INVALID_PARAMETER');
    expect((await request('PATCH', '/admin/standards/EC9999', { body: { retired: true } })).status).toBe(404);
    expect((await request('PATCH', '/admin/standards/EC0010', { body: { level: 9 } })).body.error.code).toBe('INVALID_REQUEST');
    expect((await request('POST', '/admin/standards', { body: { code: 'EC0010', title: 'x', level: 1, committee: null, sector: null } })).status).toBe(409);
  });
});

describe('CONOCER sandbox: submissions, issuance and verification', () => {
  const harness = useSandbox();

  it('rejects each invalid item with a reason code and receives the valid ones', async () => {
    const { request, token } = harness();
    const { status, body } = await request('POST', '/v1/submissions/batches', {
      token: await token(),
      body: {
        items: [
          item('ok-1'),
          item('bad-curp', { curp: 'BOXW310820HNERXN08' }),
          item('bad-format', { curp: 'boxw310820hnerxn09' }),
          item('unknown-standard', { standardCode: 'EC9999' }),
          item('unaccredited', { standardCode: 'EC0001' }),
          item('unknown-center', { evaluationCenterId: 'ECE-99999' }),
          item('bad-judgment', { judgment: 'APROBADO' }),
          item('future', { evaluatedOn: '2999-01-01' }),
          item('not-a-date', { evaluatedOn: '2025-02-30' }),
          { curp: 'BOXW310820HNERXN09' },
        ],
      },
    });
    expect(status).toBe(200);
    expect(body.batchId).toEqual(expect.any(String));
    expect(body.items.map((r: Json) => [r.idempotencyKey, r.status, r.reason?.code ?? null])).toEqual([
      ['ok-1', 'RECEIVED', null],
      ['bad-curp', 'REJECTED', 'INVALID_CURP'],
      ['bad-format', 'REJECTED', 'INVALID_CURP'],
      ['unknown-standard', 'REJECTED', 'UNKNOWN_STANDARD'],
      ['unaccredited', 'REJECTED', 'UNACCREDITED_EVALUATION_CENTER'],
      ['unknown-center', 'REJECTED', 'UNKNOWN_EVALUATION_CENTER'],
      ['bad-judgment', 'REJECTED', 'INVALID_JUDGMENT'],
      ['future', 'REJECTED', 'INVALID_EVALUATION_DATE'],
      ['not-a-date', 'REJECTED', 'INVALID_EVALUATION_DATE'],
      ['', 'REJECTED', 'INVALID_IDEMPOTENCY_KEY'],
    ]);
    expect(body.items[1].reason.message).toContain('CHECK_DIGIT');
    expect(body.items.filter((r: Json) => r.status === 'REJECTED').every((r: Json) => r.submissionId === null)).toBe(true);
  });

  it('refuses malformed and oversized batches as a whole', async () => {
    const { request, token } = harness();
    const bearer = await token();
    expect((await request('POST', '/v1/submissions/batches', { token: bearer, body: { items: [] } })).body.error.code).toBe('INVALID_BATCH');
    const big = Array.from({ length: 501 }, (_, i) => item(`big-${i}`));
    expect((await request('POST', '/v1/submissions/batches', { token: bearer, body: { items: big } })).body.error.code).toBe('BATCH_TOO_LARGE');
  });

  it('never issues a second certificate for an idempotency key, and refuses a key reused for other content', async () => {
    const { request, token } = harness();
    const bearer = await token();
    // Earlier tests' submissions are issued first, so the counts below are this test's alone.
    await until(async () => (await request('GET', '/admin/stats')).body.pending === 0);
    const before = (await request('GET', '/admin/stats')).body;
    const first = (await request('POST', '/v1/submissions/batches', { token: bearer, body: { items: [item('once-1'), item('once-1')] } })).body;
    const again = (await request('POST', '/v1/submissions/batches', { token: bearer, body: { items: [item('once-1')] } })).body;
    const id = first.items[0].submissionId;
    expect(first.items[1].submissionId).toBe(id);
    expect(again.items[0]).toEqual({ idempotencyKey: 'once-1', submissionId: id, status: 'RECEIVED' });
    const reused = (await request('POST', '/v1/submissions/batches', { token: bearer, body: { items: [item('once-1', { standardCode: 'EC0010' })] } })).body;
    expect(reused.items[0]).toMatchObject({ status: 'REJECTED', submissionId: null, reason: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    await until(async () => (await request('GET', `/v1/submissions/${id}`, { token: bearer })).body.status === 'ISSUED');
    const after = (await request('GET', '/admin/stats')).body;
    expect(after.submissions - before.submissions).toBe(1);
    expect(after.issued - before.issued).toBe(1);
    expect(after.repeatedKeys - before.repeatedKeys).toBe(2);
  });

  it('assigns a folio later for COMPETENTE, none for TODAVIA_NO_COMPETENTE, and verifies by folio and CURP', async () => {
    const { request, token } = harness();
    const bearer = await token();
    const curp = 'SABC560626MDFLRN01';
    const { body } = await request('POST', '/v1/submissions/batches', {
      token: bearer,
      body: { items: [item('issue-1', { curp }), item('issue-2', { curp, judgment: 'TODAVIA_NO_COMPETENTE' })] },
    });
    const [competent, notYet] = body.items.map((r: Json) => r.submissionId);
    const received = (await request('GET', `/v1/submissions/${competent}`, { token: bearer })).body;
    expect(received).toMatchObject({ submissionId: competent, idempotencyKey: 'issue-1' });
    await until(async () => (await request('GET', `/v1/submissions/${notYet}`, { token: bearer })).body.status !== 'RECEIVED');
    await until(async () => (await request('GET', `/v1/submissions/${competent}`, { token: bearer })).body.status !== 'RECEIVED');
    const issued = (await request('GET', `/v1/submissions/${competent}`, { token: bearer })).body;
    expect(issued).toMatchObject({ status: 'ISSUED', folio: expect.stringMatching(/^CNC-\d{4}-\d{7}$/), issuedAt: expect.any(String) });
    expect((await request('GET', `/v1/submissions/${notYet}`, { token: bearer })).body).toMatchObject({ status: 'REJECTED', folio: null, reason: { code: 'NOT_COMPETENT' } });

    const byFolio = (await request('GET', `/v1/certificates/${issued.folio}`, { token: bearer })).body;
    expect(byFolio).toEqual({
      folio: issued.folio,
      standardCode: 'EC0002',
      standardTitle: expect.any(String),
      curpMasked: 'SABC************01',
      issuedAt: issued.issuedAt,
      status: 'VALID',
    });
    const byCurp = (await request('POST', '/v1/certificates/search', { token: bearer, body: { curp } })).body;
    expect(byCurp.items).toEqual([byFolio]);
    expect(JSON.stringify(byCurp)).not.toContain(curp);
    await request('POST', `/admin/certificates/${issued.folio}/revoke`);
    expect((await request('GET', `/v1/certificates/${issued.folio}`, { token: bearer })).body.status).toBe('REVOKED');
    expect((await request('GET', '/v1/certificates/CNC-2000-0000000', { token: bearer })).body.error.code).toBe('CERTIFICATE_NOT_FOUND');
    expect((await request('POST', '/v1/certificates/search', { token: bearer, body: { curp: 'nope' } })).body.error.code).toBe('INVALID_CURP');
    expect((await request('GET', '/v1/submissions/unknown', { token: bearer })).status).toBe(404);
  });
});

describe('CONOCER sandbox: fault injection', () => {
  const harness = useSandbox();

  it('answers 429 with Retry-After for as many requests as told, then recovers', async () => {
    const { request, token } = harness();
    const bearer = await token();
    expect((await request('POST', '/admin/faults', { body: { kind: 'rate_limit', operations: ['standards'], times: 2, retryAfterSeconds: 7 } })).status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const limited = await request('GET', '/v1/standards', { token: bearer });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
    }
    expect((await request('GET', '/v1/standards', { token: bearer })).status).toBe(200);
    expect((await request('GET', '/admin/faults')).body.rules[0]).toMatchObject({ kind: 'rate_limit', fired: 2, remaining: 0, activeNow: false });
  });

  it('injects errors only into the operations named, and outage windows into everything', async () => {
    const { request, token } = harness();
    const bearer = await token();
    await request('PUT', '/admin/faults', { body: { rules: [{ kind: 'error', status: 502, operations: ['submit'] }] } });
    expect((await request('POST', '/v1/submissions/batches', { token: bearer, body: { items: [item('faulted')] } })).status).toBe(502);
    expect((await request('GET', '/v1/standards', { token: bearer })).status).toBe(200);
    await request('PUT', '/admin/faults', { body: { rules: [{ kind: 'outage', durationMs: 60_000 }] } });
    const down = await request('POST', '/oauth/token', { body: { grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret } });
    expect(down.status).toBe(503);
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
    // The admin endpoints stay reachable, so a drill can always be ended.
    expect((await request('DELETE', '/admin/faults')).status).toBe(204);
    expect((await request('GET', '/v1/standards', { token: bearer })).status).toBe(200);
    expect((await request('GET', '/admin/stats')).body.submissions).toBe(0);
  });

  it('lets the first `skip` matching requests through before a rule fires', async () => {
    const { request, token } = harness();
    const bearer = await token();
    await request('POST', '/admin/faults', { body: { kind: 'error', operations: ['standards'], skip: 2, times: 1 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await request('GET', '/v1/standards?pageSize=1', { token: bearer })).status);
    expect(statuses).toEqual([200, 200, 503, 200]);
  });

  it('holds a request without answering for a hang, until the caller gives up', async () => {
    const { request, token, url } = harness();
    const bearer = await token();
    await request('POST', '/admin/faults', { body: { kind: 'hang', times: 1 } });
    const hung = fetch(`${url}/v1/standards`, { headers: { authorization: `Bearer ${bearer}` }, signal: AbortSignal.timeout(300) });
    await expect(hung).rejects.toThrow();
    expect((await request('GET', '/v1/standards', { token: bearer })).status).toBe(200);
  });

  it('refuses malformed fault rules, leaving the plan as it was', async () => {
    const { request } = harness();
    await request('DELETE', '/admin/faults');
    const bad = await request('PUT', '/admin/faults', { body: { rules: [{ kind: 'error' }, { kind: 'latency' }] } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } });
    expect((await request('POST', '/admin/faults', { body: { kind: 'meteor' } })).status).toBe(400);
    expect((await request('GET', '/admin/faults')).body.rules).toEqual([]);
  });
});

describe('CONOCER sandbox: admin token', () => {
  const harness = useSandbox({ adminToken: 'admin-token-for-tests-only' });

  it('guards the admin endpoints when configured', async () => {
    const { request } = harness();
    expect((await request('GET', '/admin/stats')).status).toBe(401);
    expect((await request('GET', '/admin/stats', { headers: { 'x-admin-token': 'admin-token-for-tests-only' } })).status).toBe(200);
  });
});
