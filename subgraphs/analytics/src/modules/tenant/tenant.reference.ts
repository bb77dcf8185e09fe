import type { Tenant } from './tenant.type';

/**
 * `_entities` resolution for `Tenant`: analytics stores nothing about a tenant beyond its id, so the
 * representation is the object; the fields below batch through the request's loaders.
 */
export const tenantReference = {
  Tenant: {
    __resolveReference: ({ id }: { id: string }): Tenant => ({ id }),
  },
};
