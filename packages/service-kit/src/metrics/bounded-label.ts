/** The label value a value outside the bounded set is counted under. */
export const OTHER_LABEL = 'other';

/**
 * Keeps a label's cardinality bounded when its values come from clients (operation names): the first
 * `max` distinct values are kept as they are, later ones are counted as `other`. A series that exists
 * never changes label, so `rate()` over it stays meaningful.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, got ${max}`);
  }

  of(value: string | null | undefined, fallback = 'anonymous'): string {
    const label = value === null || value === undefined || value === '' ? fallback : value.slice(0, 100);
    if (this.seen.has(label)) return label;
    if (this.seen.size >= this.max) return OTHER_LABEL;
    this.seen.add(label);
    return label;
  }
}
