import { z } from 'zod';

/** The API's answers, checked on arrival: a changed or broken API fails loudly here, not deep in a caller. */
const reason = z.object({ code: z.string(), message: z.string() });

export const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().positive(),
});

export const standard = z.object({
  code: z.string(),
  title: z.string(),
  level: z.number().int(),
  committee: z.string().nullable(),
  sector: z.string().nullable(),
  updatedAt: z.string(),
  retired: z.boolean(),
});

export const standardsPage = z.object({
  items: z.array(standard),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const batchReceipt = z.object({
  batchId: z.string(),
  items: z.array(
    z.object({
      idempotencyKey: z.string(),
      submissionId: z.string().nullable(),
      status: z.enum(['RECEIVED', 'REJECTED']),
      reason: reason.optional(),
    }),
  ),
});

export const submissionStatus = z.object({
  submissionId: z.string(),
  idempotencyKey: z.string(),
  status: z.enum(['RECEIVED', 'ISSUED', 'REJECTED']),
  folio: z.string().nullable(),
  issuedAt: z.string().nullable(),
  reason: reason.optional(),
});

export const verification = z.object({
  folio: z.string(),
  standardCode: z.string(),
  standardTitle: z.string(),
  holderName: z.string().optional(),
  curpMasked: z.string(),
  issuedAt: z.string(),
  status: z.enum(['VALID', 'REVOKED']),
});

export const verificationList = z.object({ items: z.array(verification) });

/** `{ error: { code, message } }`, the API's error shape; OAuth2's `{ error, error_description }` on the token endpoint. */
export const apiError = z.union([
  z.object({ error: z.object({ code: z.string(), message: z.string() }) }).transform(({ error }) => error),
  z.object({ error: z.string(), error_description: z.string().optional() }).transform(({ error, error_description }) => ({ code: error, message: error_description ?? error })),
]);
