/**
 * How many certification submissions wait to reach CONOCER; `conocerSync.pendingSubmissions`
 * reports it. The certifications module supplies the real count through
 * `ConocerServiceOptions.pendingSubmissions`; without it there are no submissions, hence 0.
 */
export type PendingSubmissionsProvider = () => Promise<number>;

export const noPendingSubmissions: PendingSubmissionsProvider = async () => 0;
