import { reasonsOf } from '../events';
import { type CertificationStatus, certificationUpdatedPayload } from '../live';

/** The durable queue analytics stores certification milestones from (the live stream is a broadcast of its own). */
export const CERTIFICATION_MILESTONES_CONSUMER_GROUP = 'analytics.certifications';

/** The dead-letter `kind` of a refused `certification.updated` event. */
export const CERTIFICATION_LETTER_KIND = 'certification';

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
  const parsed = certificationUpdatedPayload.safeParse(data);
  if (!parsed.success) reasons.push(...reasonsOf(parsed.error, data));
  if (tenant === null || !parsed.success) return { reasons };
  return { fields: { ...parsed.data, tenantId: tenant } };
}
