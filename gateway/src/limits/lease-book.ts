import type { BucketLimits } from './token-bucket';

/**
 * Part of a shared limit that this replica reserved in Redis and has not used yet: requests of a
 * rate window, or points of a cost bucket. Redis already counts them as spent, so holding them can
 * only ever refuse early, never admit more than the shared limit.
 */
export interface Credit {
  key: string;
  /** The limit it was granted under (e.g. `600/60000`): a changed plan or override stops paying from it. */
  terms: string;
  units: number;
  /** What Redis reported left beside the reserved units when they were granted. */
  base: number;
  expiresAt: number;
  /** Rate credits: the window they were counted in, so unused ones go back to that window. */
  window?: { index: number; ms: number };
  /** Bucket credits: the limits to refund unused points under. */
  limits?: BucketLimits;
}

/** How often the arrival rate that sizes a key's next lease is re-measured. */
const DEMAND_PERIOD_MS = 100;
/** At most this part of a limit is held by one replica (divided among the expected replicas). */
const MAX_SHARE = 1 / 8;

interface Demand {
  since: number;
  count: number;
  perMs: number;
}

/**
 * One replica's leases, all local bookkeeping: how fast each key's requests arrive here, what it
 * holds of each key, and what has expired and must go back. A lease lives `leaseMs` and is sized
 * to the requests expected within half of that at the measured rate, so a steady key uses it up
 * before it expires (nothing to give back); it is capped to 1/8 of the limit over the replicas, so
 * a quiet key, or a key whose limit is small, is never leased and every request is decided in Redis.
 */
export class LeaseBook {
  private readonly credits = new Map<string, Credit>();
  private readonly demand = new Map<string, Demand>();
  private readonly requesting = new Set<string>();
  private returned: Credit[] = [];

  constructor(
    private readonly leaseMs: number,
    private readonly expectedReplicas: number,
  ) {}

  /** Counts an arrival for `key`; the rate over the last full period sizes its next lease. */
  observe(key: string, now: number): void {
    const demand = this.demand.get(key);
    if (!demand) {
      this.demand.set(key, { since: now, count: 1, perMs: 0 });
      return;
    }
    demand.count += 1;
    const elapsed = now - demand.since;
    if (elapsed >= DEMAND_PERIOD_MS) {
      demand.perMs = demand.count / elapsed;
      demand.since = now;
      demand.count = 0;
    }
  }

  /**
   * Units to reserve for `key` beside this request: the arrivals expected within half a lease times
   * `perRequest`, capped to this replica's share of `limit`. None while a reservation for the key
   * is in flight, so concurrent requests do not all reserve.
   */
  extra(key: string, perRequest: number, limit: number): number {
    if (this.requesting.has(key) || !(perRequest > 0)) return 0;
    const expected = Math.floor(((this.demand.get(key)?.perMs ?? 0) * this.leaseMs) / 2);
    if (expected < 1) return 0;
    return Math.max(0, Math.min(expected * perRequest, Math.floor((limit * MAX_SHARE) / this.expectedReplicas)));
  }

  /** Marks a reservation for `key` in flight (or no longer). */
  reserving(key: string, inFlight: boolean): void {
    if (inFlight) this.requesting.add(key);
    else this.requesting.delete(key);
  }

  /** Takes `units` from the key's credit when it holds them under the same terms and has not expired; the credit when it did. */
  take(key: string, terms: string, units: number, now: number): Credit | undefined {
    const credit = this.credits.get(key);
    if (!credit || credit.terms !== terms || credit.expiresAt <= now || credit.units < units) return undefined;
    credit.units -= units;
    return credit;
  }

  /** Gives back units taken for a request refused elsewhere; if the credit is gone meanwhile, they go back to Redis. */
  giveBack(credit: Credit, units: number): void {
    if (this.credits.get(credit.key) === credit) credit.units += units;
    else this.returned.push({ ...credit, units });
  }

  /** Adds units to the key's live credit (a refund of unused cost); false when it holds none. */
  add(key: string, units: number, now: number): Credit | undefined {
    const credit = this.credits.get(key);
    if (!credit || credit.expiresAt <= now) return undefined;
    credit.units += units;
    return credit;
  }

  /** Records units Redis reserved for this replica; a previous credit of another window goes back. */
  grant(grant: Omit<Credit, 'expiresAt'>, now: number): void {
    const held = this.credits.get(grant.key);
    const expiresAt = now + this.leaseMs;
    if (held && held.expiresAt > now && held.terms === grant.terms && held.window?.index === grant.window?.index) {
      held.units += grant.units;
      held.base = grant.base;
      held.expiresAt = expiresAt;
      held.limits = grant.limits;
      return;
    }
    if (held) this.returned.push(held);
    this.credits.set(grant.key, { ...grant, expiresAt });
  }

  /** Removes and returns what must go back to Redis: expired credits (all of them with `all`) and units given back late. */
  expire(now: number, all = false): Credit[] {
    const out = this.returned;
    this.returned = [];
    for (const [key, credit] of this.credits) {
      if (!all && credit.expiresAt > now) continue;
      this.credits.delete(key);
      out.push(credit);
    }
    for (const [key, demand] of this.demand) if (all || now - demand.since > 2 * DEMAND_PERIOD_MS) this.demand.delete(key);
    return out.filter((credit) => credit.units > 0);
  }
}
