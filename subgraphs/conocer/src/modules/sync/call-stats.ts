import type { ConocerCallRecord } from '@academy/conocer-client';

/** The window `errorRate` covers. */
export const ERROR_RATE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Outcomes of the recent calls to CONOCER, from the client's audit records, in one-minute buckets
 * so memory stays bounded whatever the traffic. Per process: each replica reports its own calls.
 */
export class CallStats {
  private readonly buckets = new Map<number, { ok: number; error: number }>();

  record(call: Pick<ConocerCallRecord, 'outcome'>, now = Date.now()): void {
    const minute = Math.floor(now / 60_000);
    const bucket = this.buckets.get(minute) ?? { ok: 0, error: 0 };
    bucket[call.outcome]++;
    this.buckets.set(minute, bucket);
    this.prune(now);
  }

  /** 0 when there were no calls: no evidence of trouble. */
  errorRate(now = Date.now()): number {
    this.prune(now);
    let ok = 0;
    let error = 0;
    for (const bucket of this.buckets.values()) {
      ok += bucket.ok;
      error += bucket.error;
    }
    return ok + error === 0 ? 0 : error / (ok + error);
  }

  private prune(now: number): void {
    const oldest = Math.floor((now - ERROR_RATE_WINDOW_MS) / 60_000);
    for (const minute of this.buckets.keys()) if (minute <= oldest) this.buckets.delete(minute);
  }
}
