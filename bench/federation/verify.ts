import { isDeepStrictEqual } from 'node:util';
import { matchesPrefix } from './load';
import type { QueryVariant } from './queries';

export interface VerifiableTarget {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

async function post(target: VerifiableTarget, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body });
  return { status: response.status, text: await response.text() };
}

/** Runs `task` over `items` with at most `limit` at once, in order of results. */
async function pool<T, R>(items: T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index]!, index);
      }
    }),
  );
  return results;
}

function dataOf(target: VerifiableTarget, variant: QueryVariant, { status, text }: { status: number; text: string }): unknown {
  let json: { data?: unknown; errors?: unknown[] };
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${target.name} (${variant.kind}): HTTP ${status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (status !== 200 || json.errors?.length || json.data == null) throw new Error(`${target.name} (${variant.kind}): expected HTTP 200 with data and no errors, got HTTP ${status}: ${text.slice(0, 800)}`);
  return json.data;
}

/**
 * Correctness before speed: the reference target answers every variant (200, data, no errors), and
 * every other target must answer the same data, serialised the same way, so that during the load a
 * prefix comparison per response is enough. Returns each variant's expected prefix.
 */
export async function expectedPrefixes(reference: VerifiableTarget, others: VerifiableTarget[], variants: QueryVariant[]): Promise<string[]> {
  const expected = await pool(variants, 8, async (variant) => dataOf(reference, variant, await post(reference, variant.body)));
  const prefixes = expected.map((data) => `{"data":${JSON.stringify(data)}`);
  for (const target of others) {
    await pool(variants, 8, async (variant, i) => {
      const response = await post(target, variant.body);
      if (matchesPrefix(response.text, prefixes[i]!)) return;
      const data = dataOf(target, variant, response);
      if (!isDeepStrictEqual(data, expected[i])) {
        throw new Error(`${target.name} answered other data than ${reference.name} for ${variant.kind} ${variant.body.slice(-60)}:\n${response.text.slice(0, 600)}\nvs.\n${prefixes[i]!.slice(0, 600)}`);
      }
      throw new Error(`${target.name} answers the same data as ${reference.name} but serialises it differently; the load's prefix check would count every response as a mismatch`);
    });
  }
  return prefixes;
}
