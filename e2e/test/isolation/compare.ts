import { randomInt, randomUUID } from 'node:crypto';
import type { GraphQLResponse } from '@academy/testing';
import { isIdLike } from './schema-walker';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const DATE_TIMES = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;

/** A value that exists nowhere but looks like `value`: a fresh uuid, or the same pattern of letters, digits and separators. */
export function sameShape(value: string): string {
  if (UUID.test(value)) return randomUUID();
  const pick = (chars: string) => chars[randomInt(chars.length)]!;
  let shaped = value;
  while (shaped === value) {
    shaped = value
      .replace(/[a-z]/g, () => pick('abcdefghijklmnopqrstuvwxyz'))
      .replace(/[A-Z]/g, () => pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ'))
      .replace(/[0-9]/g, () => pick('0123456789'));
  }
  return shaped;
}

/**
 * What must not differ between "another tenant's id" and "no such id": data and each error's code,
 * message and path. The id itself becomes `<id>`; uuids the test did not create (fresh rows of a
 * mutation) and timestamps become placeholders, so only what the caller learns about the id is left.
 */
export function normalise(response: GraphQLResponse, ids: string[], known: Set<string>): string {
  const { data = null, errors = [] } = response.body;
  let text = JSON.stringify({ data, errors: errors.map(({ message, path, extensions }) => ({ code: extensions?.code, message, path })) });
  for (const id of ids) text = text.split(JSON.stringify(id).slice(1, -1)).join('<id>');
  return text.replace(UUIDS, (uuid) => (known.has(uuid) ? uuid : '<uuid>')).replace(DATE_TIMES, '<date-time>');
}

/** Every string under an id-like key (`id`, `tenantId`, `learnerId`, …) anywhere in `value`. */
export function collectIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) collectIds(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string' && isIdLike(key)) into.add(item);
      else collectIds(item, into);
    }
  }
  return into;
}
