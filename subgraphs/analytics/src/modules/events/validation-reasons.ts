import type { z } from 'zod';

/**
 * `field: problem` for each problem, e.g. `percent: must be at most 100`, `learnerId: required`: the
 * reasons a dead letter keeps, whatever schema refused the event.
 */
export function reasonsOf(error: z.ZodError, data: object): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.join('.') || 'event';
    // zod leaves the offending input out of its issues; look it up to tell "missing" from "wrong type".
    const value = issue.path.reduce<unknown>((at, key) => (typeof at === 'object' && at !== null ? (at as Record<PropertyKey, unknown>)[key] : undefined), data);
    const missing = issue.code === 'invalid_type' && value == null;
    return `${field}: ${missing ? 'required' : issue.message}`;
  });
}
