/** Lowercase without diacritics (á→a, ñ→n), so "atencion" finds "Atención". */
export function foldText(value: string): string {
  return value.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** What `searchText` holds for a standard: the folded title and the lowercase code. */
export function searchTextOf(title: string, code: string): string {
  return `${foldText(title)} ${code.toLowerCase()}`;
}

/**
 * The words of a search, folded. Only letters, digits and inner dots survive (`ec0217.01`), which
 * also keeps LIKE wildcards (`%`, `_`) out of the pattern without dialect-specific escaping.
 */
export function searchWords(search: string | null | undefined): string[] {
  if (!search) return [];
  const words = foldText(search)
    .split(/[^a-z0-9.]+/)
    .map((word) => word.replace(/^\.+|\.+$/g, ''))
    .filter((word) => word !== '');
  return [...new Set(words)];
}
