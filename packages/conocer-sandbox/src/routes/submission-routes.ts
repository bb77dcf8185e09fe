import { HttpError } from '../http-io';
import type { Submission } from '../ledger';
import type { SandboxState } from '../sandbox-state';
import type { Route } from './route';

export function submissionStatusOf(s: Submission) {
  return {
    submissionId: s.id,
    idempotencyKey: s.input.idempotencyKey,
    status: s.status,
    folio: s.folio,
    issuedAt: s.issuedAt,
    ...(s.reason && { reason: s.reason }),
  };
}

export function submissionRoutes(state: SandboxState): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/v1\/submissions\/batches$/,
      access: 'bearer',
      operation: 'submit',
      handle: ({ body }) => {
        const { items } = body;
        if (!Array.isArray(items) || items.length === 0) throw new HttpError(400, 'INVALID_BATCH', 'A batch is `{ "items": [...] }` with at least one item');
        if (items.length > state.maxBatchSize) throw new HttpError(400, 'BATCH_TOO_LARGE', `A batch holds at most ${state.maxBatchSize} items`);
        return { status: 200, body: state.ledger.receiveBatch(items) };
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/submissions\/([\w-]{1,64})$/,
      access: 'bearer',
      operation: 'submission',
      handle: ({ params }) => {
        const submission = state.ledger.get(params[0]!);
        if (!submission) throw new HttpError(404, 'SUBMISSION_NOT_FOUND', 'No submission has this id');
        return { status: 200, body: submissionStatusOf(submission) };
      },
    },
  ];
}
