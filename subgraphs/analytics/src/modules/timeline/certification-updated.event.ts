import { z } from 'zod';
import { MAX_CLOCK_SKEW_MS, OLDEST_EVENT, reasonsOf, STANDARD_CODE_PATTERN } from '../events';
import { CertificationStatus } from '../live';

/** The durable queue analytics stores certification milestones from (the live stream is a broadcast of its own). */
export const CERTIFICATION_MILESTONES_CONSUMER_GROUP = 'analytics.certifications';

/** The dead-letter `kind` of a refused `certification.updated` event. */
export const CERTIFICATION_LETTER_KIND = 'certification';

const text = (max: number) => z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/**
 * conocer's `certification.updated` payload, as analytics stores it: checked field by field so a
 * malformed event ends as a dead letter with every reason, never as a half-formed row. The limits are
 * the columns' (conocer's own are narrower).
 */
const certificationUpdated = z.object({
  certificationId: text(100),
  learnerId: text(100),
  standardCode: z.string({ error: 'must be a string' }).regex(STANDARD_CODE_PATTERN, 'must look like EC0217 or EC0217.01'),
  status: z.enum(CertificationStatus, { error: `must be one of ${Object.values(CertificationStatus).join(', ')}` }),
  folio: text(200).nullish(),
  reason: z.string({ error: 'must be a string' }).max(1000, 'must be at most 1000 characters').nullish(),
  occurredAt: z
    .iso.datetime({ offset: true, error: 'must be an ISO 8601 timestamp with an offset' })
    .transform((value) => new Date(value))
    .refine((date) => date.getTime() <= Date.now() + MAX_CLOCK_SKEW_MS, 'must not be more than 5 minutes in the future')
    .refine((date) => date.getTime() >= OLDEST_EVENT.getTime(), 'must not be before 2000-01-01'),
});

export interface CertificationMilestoneFields {
  tenantId: string;
  certificationId: string;
  learnerId: string;
  standardCode: string;
  status: CertificationStatus;
  folio: string | null;
  reason: string | null;
  occurredAt: Date;
}

/** The milestone a `certification.updated` event reports, or every reason it cannot be stored. */
export function validateCertificationUpdate(tenantId: string | null, data: unknown): { fields: CertificationMilestoneFields } | { reasons: string[] } {
  const reasons: string[] = [];
  const tenant = typeof tenantId === 'string' && tenantId !== '' && tenantId.length <= 64 ? tenantId : null;
  if (tenant === null) reasons.push(typeof tenantId === 'string' && tenantId !== '' ? 'tenantId: must be at most 64 characters' : 'tenantId: required (the bus event names no tenant)');
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { reasons: [...reasons, 'event: must be an object'] };
  const parsed = certificationUpdated.safeParse(data);
  if (!parsed.success) reasons.push(...reasonsOf(parsed.error, data));
  if (tenant === null || !parsed.success) return { reasons };
  const { folio, reason, ...rest } = parsed.data;
  return { fields: { ...rest, tenantId: tenant, folio: folio ?? null, reason: reason ?? null } };
}
