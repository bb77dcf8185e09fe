import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { AppError, type GraphQLIntercept, sendGraphQLError } from '@academy/service-kit';
import { z } from 'zod';
import type { TenantAccess } from './tenancy/tenant-access';

/** The feature flag (tenant settings) that makes a tenant accept only its manifest's operations. */
export const TRUSTED_DOCUMENTS_ONLY = 'trusted-documents-only';

/** Apollo's persisted query manifest (`generate-persisted-query-manifest`), one file per tenant slug. */
const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(z.object({ id: z.string().regex(/^[0-9a-f]{64}$/), name: z.string().optional(), type: z.string().optional(), body: z.string().min(1) })),
});

export type TrustedDocuments = Map<string, Map<string, string>>;

/**
 * Reads `<dir>/<tenant-slug>.json` manifests. Each operation's id must be the SHA-256 of its body
 * (as Apollo's tooling writes it), so a manifest cannot smuggle a body under another's id.
 */
export function loadTrustedDocuments(dir: string): TrustedDocuments {
  const manifests: TrustedDocuments = new Map();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`${file}: not an Apollo persisted query manifest (${parsed.error.issues[0]?.message})`);
    const operations = new Map<string, string>();
    for (const { id, body } of parsed.data.operations) {
      if (createHash('sha256').update(body).digest('hex') !== id) throw new Error(`${file}: operation ${id} is not the SHA-256 of its body`);
      operations.set(id, body);
    }
    manifests.set(file.slice(0, -'.json'.length), operations);
  }
  return manifests;
}

function hashOf(request: Record<string, unknown>): string | undefined {
  const documentId = request.documentId;
  if (typeof documentId === 'string' && documentId.startsWith('sha256:')) return documentId.slice('sha256:'.length);
  const persisted = (request.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

/**
 * Trusted documents per tenant: a request may name a manifest operation by hash (`documentId:
 * "sha256:<id>"` or `extensions.persistedQuery.sha256Hash`), which is expanded to its body. A tenant with
 * the `trusted-documents-only` flag runs nothing else: any other document is refused with
 * OPERATION_NOT_TRUSTED before parsing, and automatic persisted queries cannot register new ones.
 */
export function withTrustedDocuments(manifests: TrustedDocuments, tenantOf: (req: IncomingMessage) => TenantAccess | null, next: GraphQLIntercept): GraphQLIntercept {
  return async (req, res, requestId, body, rawBody) => {
    const tenant = tenantOf(req);
    const operations = tenant ? manifests.get(tenant.slug) : undefined;
    const enforced = tenant?.featureFlags.includes(TRUSTED_DOCUMENTS_ONLY) ?? false;
    if (!operations && !enforced) return next(req, res, requestId, body, rawBody);
    const single = req.method === 'POST' && typeof body === 'object' && body !== null && !Array.isArray(body);
    if (!single) return enforced ? refuse(res, 'This tenant accepts only trusted documents, one per POST request') : next(req, res, requestId, body, rawBody);
    const request = body as Record<string, unknown>;
    const hash = hashOf(request);
    const known = hash !== undefined ? operations?.get(hash) : undefined;
    if (known !== undefined) {
      request.query = known;
      delete request.documentId;
      const { persistedQuery: _expanded, ...extensions } = (request.extensions as Record<string, unknown> | undefined) ?? {};
      request.extensions = extensions;
      return next(req, res, requestId, body, rawBody);
    }
    if (!enforced) return next(req, res, requestId, body, rawBody);
    const text = typeof request.query === 'string' ? request.query : undefined;
    if (text !== undefined && operations?.has(createHash('sha256').update(text).digest('hex')) && hash === undefined) return next(req, res, requestId, body, rawBody);
    return refuse(res, 'This tenant runs only the operations of its trusted document manifest');
  };
}

function refuse(res: ServerResponse, message: string): true {
  sendGraphQLError(res, new AppError('OPERATION_NOT_TRUSTED', message));
  return true;
}
