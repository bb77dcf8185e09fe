import { unforwardableReason } from '@academy/service-kit';
import type { TenantAccess } from '../tenancy/tenant-access';
import type { TransformPlugin } from './transform-plugin';

/** The client headers that may reach a subgraph for `tenant`: results can differ by their values (caches key on them). */
export function propagatedHeaders(tenant: TenantAccess | null | undefined): string[] {
  return (tenant?.headerPropagation ?? []).map((rule) => rule.header);
}

/**
 * The tenant's `headerPropagation` rules: a client header copied onto calls to one subgraph, under
 * its own name or `rename`. No header reaches a subgraph otherwise. Credentials are refused however
 * a rule is written (tenancy validates rules too; a stored rule that slipped past is logged and skipped).
 */
export function headerPropagation(): TransformPlugin {
  return {
    name: 'header-propagation',
    subgraphRequest({ subgraph, tenant, clientHeaders, headers, logger }) {
      for (const { subgraph: target, header, rename } of tenant.headerPropagation ?? []) {
        if (target !== subgraph) continue;
        const value = clientHeaders.get(header);
        if (value == null) continue;
        const as = rename ?? header;
        const refused = unforwardableReason(header) ?? unforwardableReason(as);
        if (refused) {
          logger.warn({ subgraph, header, rename }, `header propagation rule skipped: ${refused}`);
          continue;
        }
        headers.set(as, value);
      }
    },
  };
}
