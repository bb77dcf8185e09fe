const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A matcher for rubric keywords over folded text: whole words or phrases, or a stem with a trailing
 * `*` (`reutiliz*`). Word edges keep short keywords from matching inside longer words ("ods" in "métodos").
 */
export function keywordMatcher(keyword: string): (foldedText: string) => boolean {
  const stem = keyword.endsWith('*');
  const body = escapeRegExp(stem ? keyword.slice(0, -1) : keyword);
  const pattern = new RegExp(`(?<![a-z0-9])${body}${stem ? '' : '(?![a-z0-9])'}`);
  return (text) => pattern.test(text);
}

/** The keywords found in the text, in the order given. */
export function keywordsIn(foldedText: string, keywords: readonly string[]): string[] {
  return keywords.filter((keyword) => keywordMatcher(keyword)(foldedText));
}
