/**
 * RabbitMQ topic matching, so the in-process bus routes exactly as the broker does:
 * `*` matches one word, `#` zero or more.
 */
export function matchesTopic(pattern: string, type: string): boolean {
  return matchWords(pattern.split('.'), 0, type.split('.'), 0);
}

function matchWords(pattern: string[], p: number, words: string[], w: number): boolean {
  if (p === pattern.length) return w === words.length;
  const head = pattern[p];
  if (head === '#') return matchWords(pattern, p + 1, words, w) || (w < words.length && matchWords(pattern, p, words, w + 1));
  if (w === words.length) return false;
  return (head === '*' || head === words[w]) && matchWords(pattern, p + 1, words, w + 1);
}

export function matchesAny(patterns: Iterable<string>, type: string): boolean {
  for (const pattern of patterns) if (matchesTopic(pattern, type)) return true;
  return false;
}

const PATTERN = /^([\w-]+|\*|#)(\.([\w-]+|\*|#))*$/;

export function assertTypes(types: string[]): void {
  if (types.length === 0) throw new TypeError('at least one event type is required');
  for (const type of types) if (!PATTERN.test(type)) throw new TypeError(`invalid event type pattern '${type}'`);
}
