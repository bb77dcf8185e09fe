import type { ConocerClient, ConocerStandard } from '@academy/conocer-client';

/** Standards per request: 3 pages for today's 1,477 standards. */
export const SYNC_PAGE_SIZE = 500;
/** A catalog this large means a broken API (or filter), not a real catalog: stop rather than exhaust memory. */
const MAX_STANDARDS = 100_000;

/**
 * Every page of CONOCER's catalog (or of its changes since `updatedSince`), read before anything is
 * written, so an outage midway leaves the local catalog as it was.
 */
export async function fetchCatalog(
  client: ConocerClient,
  updatedSince: Date | null,
  onPage: (processed: number, total: number) => Promise<void>,
): Promise<ConocerStandard[]> {
  const standards: ConocerStandard[] = [];
  for (let page = 1; ; page++) {
    const result = await client.listStandards({ page, pageSize: SYNC_PAGE_SIZE, ...(updatedSince && { updatedSince: updatedSince.toISOString() }) });
    standards.push(...result.items);
    await onPage(standards.length, Math.max(result.total, standards.length));
    if (result.items.length < SYNC_PAGE_SIZE || standards.length >= result.total) return standards;
    if (standards.length >= MAX_STANDARDS) throw new Error(`CONOCER listed more than ${MAX_STANDARDS} standards; refusing to continue`);
  }
}
