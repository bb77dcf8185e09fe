import type { TransformPlugin } from './transform-plugin';

/** The tenant's `responseHeaders` setting (e.g. `x-tenant-region: mx-1`) on every response of the tenant. */
export function tenantResponseHeaders(): TransformPlugin {
  return {
    name: 'tenant-response-headers',
    *responseHeaders(tenant) {
      for (const { name, value } of tenant.responseHeaders ?? []) yield [name, value];
    },
  };
}
