import { validateCurp } from '@academy/renec';
import { createAuditSink } from './audit';
import { CallExecutor } from './call-executor';
import { createCircuit } from './circuit';
import { resolveOptions } from './client-options';
import { ConocerError } from './conocer-error';
import { parseBody } from './response-errors';
import { createAgent } from './tls-policy';
import type { ClosableConocerClient, ConocerClientOptions } from './types';
import { batchReceipt, standardsPage, submissionStatus, verification, verificationList } from './wire-schemas';

/** The API's limits, checked before sending so a caller's mistake costs no request. */
export const MAX_BATCH_SIZE = 500;
export const MAX_PAGE_SIZE = 500;
const ID = /^[\w-]{1,64}$/;

const invalid = (message: string, code = 'INVALID_ARGUMENT') => new ConocerError('validation', message, { code });

export function createConocerClient(options: ConocerClientOptions): ClosableConocerClient {
  const resolved = resolveOptions(options);
  const circuit = createCircuit({ failureThreshold: resolved.failureThreshold, halfOpenAfterMs: resolved.halfOpenAfterMs });
  const agent = createAgent({ https: resolved.https, pins: resolved.pins, caCertificates: resolved.caCertificates });
  const logger = options.logger?.child({ component: 'conocer-client' });
  circuit.onChange((state) => logger?.warn({ circuit: state }, `CONOCER circuit ${state}`));
  const executor = new CallExecutor({
    ...resolved,
    agent,
    circuit,
    audit: createAuditSink(options.audit, logger),
  });

  return {
    listStandards: async ({ updatedSince, page = 1, pageSize = 100 } = {}) => {
      if (!Number.isInteger(page) || page < 1) throw invalid('page is 1-based');
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw invalid(`pageSize is 1 to ${MAX_PAGE_SIZE}`);
      if (updatedSince !== undefined && Number.isNaN(Date.parse(updatedSince))) throw invalid('updatedSince is an ISO 8601 date-time');
      const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize), ...(updatedSince && { updatedSince: new Date(updatedSince).toISOString() }) });
      return executor.call({ operation: 'listStandards', method: 'GET', path: `/v1/standards?${query}` }, (r) => parseBody(standardsPage, r));
    },
    submitBatch: async (items) => {
      if (!Array.isArray(items) || items.length === 0) throw invalid('A batch needs at least one item');
      if (items.length > MAX_BATCH_SIZE) throw invalid(`A batch holds at most ${MAX_BATCH_SIZE} items`);
      // Safe to retry: CONOCER answers a repeated idempotency key with the original submission.
      return executor.call({ operation: 'submitBatch', method: 'POST', path: '/v1/submissions/batches', body: { items } }, (r) => parseBody(batchReceipt, r));
    },
    getSubmission: async (submissionId) => {
      if (!ID.test(submissionId)) throw invalid('submissionId is 1-64 letters, digits, _ or -');
      return executor.call({ operation: 'getSubmission', method: 'GET', path: `/v1/submissions/${submissionId}` }, (r) => parseBody(submissionStatus, r));
    },
    verifyByFolio: async (folio) => {
      if (!ID.test(folio)) throw invalid('folio is 1-64 letters, digits, _ or -');
      return executor.call({ operation: 'verifyByFolio', method: 'GET', path: `/v1/certificates/${folio}`, accept: [404] }, (r) =>
        r.status === 404 ? null : parseBody(verification, r),
      );
    },
    verifyByCurp: async (curp) => {
      const normalized = curp.trim().toUpperCase();
      const check = validateCurp(normalized);
      if (!check.valid) throw invalid(`The CURP is not valid (${check.reason})`, 'INVALID_CURP');
      // In the body, never the URL: a CURP must not land in access logs.
      const { items } = await executor.call({ operation: 'verifyByCurp', method: 'POST', path: '/v1/certificates/search', body: { curp: normalized } }, (r) =>
        parseBody(verificationList, r),
      );
      return items;
    },
    circuitState: () => circuit.state(),
    onCircuitChange: (listener) => circuit.onChange(listener),
    close: () => agent.destroy(),
  };
}
