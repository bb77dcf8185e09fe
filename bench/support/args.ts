/** `--name value` as a number in [min, max]; the default when absent. Throws naming the flag otherwise. */
export function numberArg(value: string | undefined, name: string, fallback: number, { min, max, integer = false }: { min: number; max: number; integer?: boolean }): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min || parsed > max || (integer && !Number.isInteger(parsed))) {
    throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${value}"`);
  }
  return parsed;
}
