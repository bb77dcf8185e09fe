import { headerPropagation } from './header-propagation';
import { tenantResponseHeaders } from './tenant-response-headers';
import type { TransformPlugin } from './transform-plugin';

export { propagatedHeaders } from './header-propagation';
export type { SubgraphCall, TransformPlugin } from './transform-plugin';
export { useResponseTransforms } from './use-response-transforms';

/** The gateway's transformation plugins, in the order they run. */
export const defaultTransforms = (): TransformPlugin[] => [tenantResponseHeaders(), headerPropagation()];
