/** Published by the standards sync after it changed the catalog; every replica drops its cached catalog answers. */
export const STANDARDS_SYNCED = 'standards.synced';

export interface StandardsSyncedPayload {
  jobId: string;
  mode: 'FULL' | 'INCREMENTAL';
  added: number;
  updated: number;
  retired: number;
}
