import type { TenancyContext } from '../../context';
import type { Tenant } from './tenant.type';

/** `_entities` resolution for `Tenant`: batched through the request's loader. */
export const tenantReference = {
  Tenant: {
    __resolveReference: async ({ id }: { id: string }, { loaders }: TenancyContext): Promise<Tenant | null> =>
      (await loaders.tenantById.load(id)) ?? null,
  },
};
