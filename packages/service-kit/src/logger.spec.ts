import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, destination };
}

const CURP = 'GOMC850101HDFRRL09';

describe('createLogger', () => {
  it('writes JSON lines with the service, and children bind request id and tenant', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'tenancy', destination }).child({ requestId: 'r-1', tenantId: 't-1' }).info('hello');
    expect(lines[0]).toMatchObject({ service: 'tenancy', requestId: 'r-1', tenantId: 't-1', level: 'info', msg: 'hello' });
  });

  it('never writes credentials, keys or CURPs', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: 'gateway', destination });
    logger.info(
      {
        req: { headers: { authorization: 'Bearer abc.def.ghi', 'x-api-key': 'acad_k_s', 'x-academy-context': 'ctx.jwt', cookie: 'sid=1' } },
        headers: { authorization: 'Bearer x' },
        authorization: 'Bearer y',
        client: { clientSecret: 'oauth-secret', accessToken: 'at', refreshToken: 'rt', signingSecret: 'ss', privateKey: 'pk' },
        learner: { curp: CURP, note: `submitted ${CURP} to CONOCER` },
        password: 'hunter2',
      },
      `lote for ${CURP} refused`,
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ['abc.def.ghi', 'acad_k_s', 'ctx.jwt', 'sid=1', 'Bearer x', 'Bearer y', 'oauth-secret', '"at"', '"rt"', '"ss"', '"pk"', 'hunter2', CURP]) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0].msg).toBe('lote for GOMC************** refused');
    expect((lines[0].learner as { note: string }).note).toBe('submitted GOMC************** to CONOCER');
  });

  it('redacts every field the personal-data classification names', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'tenancy', destination }).info({ email: 'ana@acme.example', learner: { displayName: 'Ana López', phone: '+525512345678', rfc: 'LOAA850101AB1', id: 'ana' } }, 'registered');
    const text = JSON.stringify(lines[0]);
    for (const personal of ['ana@acme.example', 'Ana López', '+525512345678', 'LOAA850101AB1']) expect(text).not.toContain(personal);
    expect((lines[0].learner as { id: string }).id).toBe('ana');
  });
});
