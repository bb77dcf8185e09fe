import { z } from 'zod';

/** The API operations a fault can target. */
export const OPERATIONS = ['token', 'standards', 'submit', 'submission', 'verify'] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * One injected fault. Rules are checked in order for every API request; every matching rule that
 * fires applies (latencies add up), and the first one that answers (error, 429, outage) or hangs ends the request.
 */
export const faultRuleSchema = z
  .object({
    kind: z.enum(['latency', 'error', 'rate_limit', 'hang', 'outage']),
    /** Operations it applies to. @default all */
    operations: z.array(z.enum(OPERATIONS)).min(1).optional(),
    /** Chance that a matching request is affected. @default 1 */
    probability: z.number().min(0).max(1).default(1),
    /** Affects at most this many requests, then the rule is spent. @default unlimited */
    times: z.number().int().positive().optional(),
    /** Lets this many matching requests through untouched first (e.g. fail a sync from its second page on). @default 0 */
    skip: z.number().int().min(0).default(0),
    /** Active window (ISO 8601); `durationMs` is short for from now until now + durationMs. */
    from: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    durationMs: z.number().int().positive().optional(),
    /** `latency`: how long. */
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    /**
     * `latency`: `request` delays before the request is handled; `response` handles it and delays the
     * answer, so a client that times out meanwhile does not know its request took effect. @default request
     */
    phase: z.enum(['request', 'response']).default('request'),
    /** `error`: the status answered. @default 503 */
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(503),
    /** `rate_limit`: the Retry-After header, in seconds. @default 1 */
    retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  })
  .refine((r) => r.kind !== 'latency' || r.latencyMs !== undefined, { message: 'a latency rule needs latencyMs', path: ['latencyMs'] })
  .refine((r) => r.durationMs === undefined || (r.from === undefined && r.until === undefined), { message: 'give durationMs or from/until, not both', path: ['durationMs'] });

export type FaultRuleInput = z.input<typeof faultRuleSchema>;

interface ActiveRule {
  id: number;
  rule: z.infer<typeof faultRuleSchema>;
  from: number;
  until: number;
  remaining: number;
  skipping: number;
  fired: number;
}

/** What the HTTP layer does with a request after the faults had their say. */
export type FaultOutcome =
  | { action: 'pass'; delayMs: number; responseDelayMs: number }
  | { action: 'answer'; delayMs: number; status: number; retryAfterSeconds?: number; code: string; message: string }
  | { action: 'hang'; delayMs: number };

/** The run-time fault plan, changed through `/admin/faults`. */
export class FaultInjector {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  add(input: unknown): { id: number } {
    const rule = faultRuleSchema.parse(input);
    const now = Date.now();
    const from = rule.durationMs !== undefined ? now : rule.from ? Date.parse(rule.from) : -Infinity;
    const until = rule.durationMs !== undefined ? now + rule.durationMs : rule.until ? Date.parse(rule.until) : Infinity;
    const id = this.nextId++;
    this.rules.push({ id, rule, from, until, remaining: rule.times ?? Infinity, skipping: rule.skip, fired: 0 });
    return { id };
  }

  clear(): void {
    this.rules = [];
  }

  list() {
    const now = Date.now();
    return this.rules.map(({ id, rule, from, until, remaining, skipping, fired }) => ({
      id,
      ...rule,
      activeNow: now >= from && now < until && remaining > 0,
      ...(Number.isFinite(from) && { from: new Date(from).toISOString() }),
      ...(Number.isFinite(until) && { until: new Date(until).toISOString() }),
      remaining: Number.isFinite(remaining) ? remaining : null,
      skipping,
      fired,
    }));
  }

  decide(operation: Operation): FaultOutcome {
    const now = Date.now();
    let delayMs = 0;
    let responseDelayMs = 0;
    for (const active of this.rules) {
      const { rule } = active;
      if (now < active.from || now >= active.until || active.remaining <= 0) continue;
      if (rule.operations && !rule.operations.includes(operation)) continue;
      if (active.skipping > 0) {
        active.skipping--;
        continue;
      }
      // An outage is the whole window, whatever the probability says.
      if (rule.kind !== 'outage' && Math.random() >= rule.probability) continue;
      active.remaining--;
      active.fired++;
      switch (rule.kind) {
        case 'latency':
          if (rule.phase === 'response') responseDelayMs += rule.latencyMs ?? 0;
          else delayMs += rule.latencyMs ?? 0;
          break;
        case 'hang':
          return { action: 'hang', delayMs };
        case 'rate_limit':
          return { action: 'answer', delayMs, status: 429, retryAfterSeconds: rule.retryAfterSeconds, code: 'RATE_LIMITED', message: 'Too many requests; retry after the Retry-After header' };
        case 'error':
          return { action: 'answer', delayMs, status: rule.status, code: 'INJECTED_FAULT', message: `Injected ${rule.status}` };
        case 'outage':
          return {
            action: 'answer',
            delayMs,
            status: 503,
            code: 'SERVICE_UNAVAILABLE',
            message: 'CONOCER is unavailable (planned outage window)',
            ...(Number.isFinite(active.until) && { retryAfterSeconds: Math.ceil((active.until - now) / 1000) }),
          };
      }
    }
    return { action: 'pass', delayMs, responseDelayMs };
  }
}
