import { z } from 'zod';
import { CatalogError } from '../catalog';
import { faultRuleSchema } from '../faults';
import { HttpError } from '../http-io';
import type { SandboxState } from '../sandbox-state';
import type { Route, RouteResponse } from './route';
import { submissionStatusOf } from './submission-routes';

const standardFields = {
  title: z.string().trim().min(1).max(1000),
  level: z.number().int().min(1).max(5),
  committee: z.string().trim().min(1).max(255).nullable(),
  sector: z.string().trim().min(1).max(255).nullable(),
};
const newStandard = z.object({ code: z.string().trim(), ...standardFields });
const standardChange = z.object({ ...standardFields, retired: z.boolean() }).partial().strict();
const settings = z
  .object({ tokenTtlSeconds: z.number().int().positive(), issuanceDelayMs: z.number().int().min(0).max(3_600_000) })
  .partial()
  .strict();

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new HttpError(400, 'INVALID_REQUEST', result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
}

function catalogCall(run: () => unknown): RouteResponse {
  try {
    return { status: 200, body: run() };
  } catch (error) {
    if (error instanceof CatalogError) throw new HttpError(error.code === 'UNKNOWN_STANDARD' ? 404 : error.code === 'STANDARD_EXISTS' ? 409 : 400, error.code, error.message);
    throw error;
  }
}

/** The sandbox's own controls: fault injection, catalog changes, counters. Documented in README ("CONOCER sandbox"). */
export function adminRoutes(state: SandboxState): Route[] {
  const admin = (method: Route['method'], path: RegExp, handle: Route['handle']): Route => ({ method, path, access: 'admin', handle });
  return [
    admin('GET', /^\/admin\/faults$/, () => ({ status: 200, body: { rules: state.faults.list() } })),
    admin('POST', /^\/admin\/faults$/, ({ body }) => ({ status: 201, body: addRule(state, body) })),
    admin('PUT', /^\/admin\/faults$/, ({ body }) => {
      const rules = Array.isArray(body.rules) ? body.rules : null;
      if (!rules) throw new HttpError(400, 'INVALID_REQUEST', 'PUT /admin/faults takes `{ "rules": [...] }`');
      // Validated as a whole first, so a bad rule leaves the previous plan in place.
      for (const rule of rules) validateRule(rule);
      state.faults.clear();
      return { status: 200, body: { rules: rules.map((rule) => addRule(state, rule)) } };
    }),
    admin('DELETE', /^\/admin\/faults$/, () => {
      state.faults.clear();
      return { status: 204, body: null };
    }),
    admin('POST', /^\/admin\/standards$/, ({ body }) => catalogCall(() => state.catalog.add(parse(newStandard, body)))),
    admin('PATCH', /^\/admin\/standards\/([\w.]{1,16})$/, ({ params, body }) => catalogCall(() => state.catalog.change(params[0]!, parse(standardChange, body)))),
    admin('GET', /^\/admin\/stats$/, () => ({ status: 200, body: state.ledger.stats() })),
    admin('GET', /^\/admin\/submissions\/([\w-]{1,64})$/, ({ params }) => {
      const submission = state.ledger.get(params[0]!);
      if (!submission) throw new HttpError(404, 'SUBMISSION_NOT_FOUND', 'No submission has this id');
      return { status: 200, body: submissionStatusOf(submission) };
    }),
    admin('POST', /^\/admin\/certificates\/([\w-]{1,64})\/revoke$/, ({ params }) => {
      const revoked = state.ledger.revoke(params[0]!);
      if (!revoked) throw new HttpError(404, 'CERTIFICATE_NOT_FOUND', 'No certificate has this folio');
      return { status: 200, body: { folio: revoked.folio, status: 'REVOKED' } };
    }),
    admin('POST', /^\/admin\/tokens\/expire$/, () => ({ status: 200, body: { expired: state.tokens.expireAll() } })),
    admin('PUT', /^\/admin\/settings$/, ({ body }) => {
      const change = parse(settings, body);
      if (change.tokenTtlSeconds !== undefined) state.tokens.ttlSeconds = change.tokenTtlSeconds;
      if (change.issuanceDelayMs !== undefined) state.ledger.issuanceDelayMs = change.issuanceDelayMs;
      return { status: 200, body: { tokenTtlSeconds: state.tokens.ttlSeconds, issuanceDelayMs: state.ledger.issuanceDelayMs } };
    }),
    admin('POST', /^\/admin\/reset$/, () => {
      state.ledger.reset();
      state.faults.clear();
      return { status: 204, body: null };
    }),
  ];
}

function validateRule(rule: unknown): void {
  parse(faultRuleSchema, rule);
}

function addRule(state: SandboxState, rule: unknown): { id: number } {
  validateRule(rule);
  return state.faults.add(rule);
}
