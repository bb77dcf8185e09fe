import { Arg, Ctx, Directive, ID, Query, Resolver } from 'type-graphql';
import type { TenancyContext } from '../../context';
import { ApiKeyAccess, TenantAccess } from './access.type';

/** The gateway's internal lookups; `@inaccessible` keeps them out of the client-facing API. */
@Resolver()
export class AccessResolver {
  @Directive('@inaccessible')
  @Query(() => TenantAccess, { nullable: true, description: 'Internal (gateway): a tenant by exactly one of id, slug or custom domain.' })
  tenantAccess(
    @Ctx() { access }: TenancyContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('slug', () => String, { nullable: true }) slug?: string,
    @Arg('domain', () => String, { nullable: true }) domain?: string,
  ): Promise<TenantAccess | null> {
    return access.tenantAccess({ id, slug, domain });
  }

  @Directive('@inaccessible')
  @Query(() => ApiKeyAccess, { nullable: true, description: 'Internal (gateway): an API key by its key id, whatever its status.' })
  apiKeyAccess(@Ctx() { access }: TenancyContext, @Arg('keyId', () => String) keyId: string): Promise<ApiKeyAccess | null> {
    return access.apiKeyAccess(keyId);
  }
}
