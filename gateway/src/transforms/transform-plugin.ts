import type { Logger } from '@academy/service-kit';
import type { TenantAccess } from '../tenancy/tenant-access';

/** A subgraph call made for a client request of `tenant`. */
export interface SubgraphCall {
  subgraph: string;
  tenant: TenantAccess;
  /** The client's request headers (lowercase names). */
  clientHeaders: { get(name: string): string | null | undefined };
  /** The outgoing call's headers; the gateway sets its own (context token, request id, trace) afterwards. */
  headers: { set(name: string, value: string): void };
  logger: Logger;
}

/**
 * A request/response transformation, configured per tenant from its settings. Plugins only propose:
 * the gateway applies the header rules (`unsettableReason`, `unforwardableReason`) to whatever they
 * return, so no plugin can override a security header or forward a credential.
 */
export interface TransformPlugin {
  readonly name: string;
  /** Headers to add to a response of `tenant`. */
  responseHeaders?(tenant: TenantAccess): Iterable<readonly [name: string, value: string]>;
  /** Adds headers to a call to a subgraph. */
  subgraphRequest?(call: SubgraphCall): void;
}
