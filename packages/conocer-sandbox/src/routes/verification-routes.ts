import { maskCurp, validateCurp } from '@academy/renec';
import { HttpError } from '../http-io';
import type { Submission } from '../ledger';
import type { SandboxState } from '../sandbox-state';
import type { Route } from './route';

/** What a public verification shows: never the full CURP. The sandbox knows no holder names, so `holderName` is absent. */
function verificationOf(s: Submission, state: SandboxState) {
  return {
    folio: s.folio,
    standardCode: s.input.standardCode,
    standardTitle: state.catalog.get(s.input.standardCode)?.title ?? s.input.standardCode,
    curpMasked: maskCurp(s.input.curp),
    issuedAt: s.issuedAt,
    status: s.revoked ? 'REVOKED' : 'VALID',
  };
}

export function verificationRoutes(state: SandboxState): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/v1\/certificates\/([\w-]{1,64})$/,
      access: 'bearer',
      operation: 'verify',
      handle: ({ params }) => {
        const submission = state.ledger.byFolioNumber(params[0]!);
        if (!submission) throw new HttpError(404, 'CERTIFICATE_NOT_FOUND', 'No certificate has this folio');
        return { status: 200, body: verificationOf(submission, state) };
      },
    },
    {
      // POST, not GET with a query: a CURP is personal data and must not end up in URLs and access logs.
      method: 'POST',
      path: /^\/v1\/certificates\/search$/,
      access: 'bearer',
      operation: 'verify',
      handle: ({ body }) => {
        const curp = typeof body.curp === 'string' ? body.curp : '';
        const check = validateCurp(curp);
        if (!check.valid) throw new HttpError(400, 'INVALID_CURP', `The CURP is not valid (${check.reason})`);
        return { status: 200, body: { items: state.ledger.certificatesOf(curp).map((s) => verificationOf(s, state)) } };
      },
    },
  ];
}
