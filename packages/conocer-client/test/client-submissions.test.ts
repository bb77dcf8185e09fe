import { Writable } from 'node:stream';
import { createLogger } from '@academy/service-kit';
import { describe, expect, it } from 'vitest';
import type { SubmissionItem } from '../src';
import { CREDENTIALS, trail, useSandbox } from './support/sandbox';

const CURP = 'BEML920313HMCLNS09';
const item = (idempotencyKey: string, overrides: Partial<SubmissionItem> = {}): SubmissionItem => ({
  idempotencyKey,
  curp: CURP,
  standardCode: 'EC0002',
  judgment: 'COMPETENTE',
  evaluatedOn: '2025-09-15',
  evaluationCenterId: 'ECE-00001',
  ...overrides,
});

describe('ConocerClient submissions and verification', () => {
  const sandbox = useSandbox();

  it('reports each rejected item with its reason code', async () => {
    const { client } = sandbox().client();
    const receipt = await client.submitBatch([
      item('reasons-ok'),
      item('reasons-curp', { curp: 'BOXW310820HNERXN08' }),
      item('reasons-standard', { standardCode: 'EC9999' }),
      item('reasons-center', { standardCode: 'EC0001' }),
    ]);
    expect(receipt.batchId).toEqual(expect.any(String));
    expect(receipt.items.map((r) => [r.idempotencyKey, r.status, r.reason?.code])).toEqual([
      ['reasons-ok', 'RECEIVED', undefined],
      ['reasons-curp', 'REJECTED', 'INVALID_CURP'],
      ['reasons-standard', 'REJECTED', 'UNKNOWN_STANDARD'],
      ['reasons-center', 'REJECTED', 'UNACCREDITED_EVALUATION_CENTER'],
    ]);
  });

  it('retries a batch whose answer was lost without creating a second submission', async () => {
    const { fault, stats, client: make } = sandbox();
    const { client, calls } = make({ timeoutMs: 400, maxAttempts: 3 });
    const before = await stats();
    // CONOCER takes the batch, but its answer comes after the client stopped waiting.
    await fault({ kind: 'latency', phase: 'response', latencyMs: 1500, operations: ['submit'], times: 1 });
    const receipt = await client.submitBatch([item('lost-answer-1')]);
    expect(trail(calls)).toEqual(['token 200@1', 'submitBatch -@1', 'submitBatch 200@2']);
    expect(receipt.items[0]).toMatchObject({ status: 'RECEIVED', submissionId: expect.any(String) });
    const after = await stats();
    expect(after.submissions - before.submissions).toBe(1);
    expect(after.repeatedKeys - before.repeatedKeys).toBe(1);
    const again = await client.submitBatch([item('lost-answer-1')]);
    expect(again.items[0]!.submissionId).toBe(receipt.items[0]!.submissionId);
  });

  it('polls a submission to ISSUED and verifies the certificate by folio and by CURP', async () => {
    const { client } = sandbox().client();
    const curp = 'SABC560626MDFLRN01';
    const [result] = (await client.submitBatch([item('verify-1', { curp })])).items;
    let status = await client.getSubmission(result!.submissionId!);
    for (let i = 0; i < 100 && status.status === 'RECEIVED'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      status = await client.getSubmission(result!.submissionId!);
    }
    expect(status).toMatchObject({ status: 'ISSUED', idempotencyKey: 'verify-1', folio: expect.any(String), issuedAt: expect.any(String) });
    const byFolio = await client.verifyByFolio(status.folio!);
    expect(byFolio).toMatchObject({ folio: status.folio, standardCode: 'EC0002', curpMasked: 'SABC************01', status: 'VALID' });
    expect(await client.verifyByCurp(` ${curp.toLowerCase()} `)).toEqual([byFolio]);
    expect(await client.verifyByFolio('CNC-1999-0000001')).toBeNull();
    await expect(client.getSubmission('no-such-submission')).rejects.toMatchObject({ kind: 'validation', status: 404, code: 'SUBMISSION_NOT_FOUND' });
  });

  it('refuses bad input before calling CONOCER', async () => {
    const { client, calls } = sandbox().client();
    await expect(client.verifyByCurp('BOXW310820HNERXN08')).rejects.toMatchObject({ kind: 'validation', code: 'INVALID_CURP' });
    await expect(client.submitBatch([])).rejects.toMatchObject({ kind: 'validation' });
    await expect(client.submitBatch(Array.from({ length: 501 }, (_, i) => item(`too-many-${i}`)))).rejects.toMatchObject({ kind: 'validation' });
    await expect(client.listStandards({ pageSize: 0 })).rejects.toMatchObject({ kind: 'validation' });
    await expect(client.listStandards({ updatedSince: 'last week' })).rejects.toMatchObject({ kind: 'validation' });
    await expect(client.verifyByFolio('../admin/stats')).rejects.toMatchObject({ kind: 'validation' });
    expect(calls).toEqual([]);
  });

  it('audits and logs every call without the secret, the token or a full CURP', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', destination: new Writable({ write: (chunk, _e, done) => done(void lines.push(String(chunk))) }) });
    const { fault, client: make } = sandbox();
    const { client, calls } = make({ logger });
    await fault({ kind: 'error', status: 500, operations: ['verify'], times: 1 });
    await client.verifyByCurp(CURP);
    await client.submitBatch([item('audit-1'), item('audit-2', { curp: 'BOXW310820HNERXN08' })]);
    expect(calls.map((c) => c.operation)).toEqual(['token', 'verifyByCurp', 'verifyByCurp', 'submitBatch']);
    expect(calls[1]).toMatchObject({ status: 500, outcome: 'error', error: expect.stringContaining('500') });
    expect(lines.length).toBeGreaterThanOrEqual(calls.length);
    const seen = JSON.stringify(calls) + lines.join('');
    const basic = Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString('base64');
    for (const secret of [CREDENTIALS.clientSecret, basic, 'Bearer', 'access_token', CURP, 'BOXW310820HNERXN08']) expect(seen).not.toContain(secret);
  });
});
