/** A certification's life: PENDING → SUBMITTED → ISSUED (with a folio) or REJECTED (with a reason). */
export const CERTIFICATION_STATUSES = ['PENDING', 'SUBMITTED', 'ISSUED', 'REJECTED'] as const;
export type CertificationStatusValue = (typeof CERTIFICATION_STATUSES)[number];

/** PENDING → ISSUED does not exist: a synchronous provider's certification passes through SUBMITTED too, so every consumer sees the same sequence. */
const NEXT: Record<CertificationStatusValue, readonly CertificationStatusValue[]> = {
  PENDING: ['SUBMITTED', 'REJECTED'],
  SUBMITTED: ['ISSUED', 'REJECTED'],
  ISSUED: [],
  REJECTED: [],
};

export function canMove(from: CertificationStatusValue, to: CertificationStatusValue): boolean {
  return NEXT[from].includes(to);
}

export const isFinal = (status: CertificationStatusValue): boolean => NEXT[status].length === 0;
