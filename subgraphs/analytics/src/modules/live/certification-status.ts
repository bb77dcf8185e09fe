import { registerEnumType } from 'type-graphql';

/** Where a certification is on its way to CONOCER (conocer owns the lifecycle; analytics streams it). */
export const CertificationStatus = { PENDING: 'PENDING', SUBMITTED: 'SUBMITTED', ISSUED: 'ISSUED', REJECTED: 'REJECTED' } as const;
export type CertificationStatus = (typeof CertificationStatus)[keyof typeof CertificationStatus];

registerEnumType(CertificationStatus, {
  name: 'CertificationStatus',
  description: 'Where a certification is on its way to CONOCER: PENDING → SUBMITTED → ISSUED (with a folio) or REJECTED.',
});
