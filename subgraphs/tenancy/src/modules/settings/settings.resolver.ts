import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { TenancyContext } from '../../context';
import { Audited } from '../audit';
import { effectiveLimits, PlanLimits } from '../plan';
import { Tenant } from '../tenant';
import { UpdateTenantSettingsInput } from './settings.input';
import { TenantSettings } from './settings.type';

@Resolver(() => Tenant)
export class SettingsResolver {
  @FieldResolver(() => TenantSettings, { nullable: true, description: 'The tenant’s gateway settings (its admins and platform admins).' })
  settings(@Root() tenant: Tenant, @Ctx() { loaders }: TenancyContext): Promise<TenantSettings> {
    return loaders.settingsByTenantId.load(tenant.id);
  }

  @FieldResolver(() => PlanLimits, { description: 'The limits the gateway enforces: the plan’s, with this tenant’s overrides applied.' })
  async effectiveLimits(@Root() tenant: Tenant, @Ctx() { loaders }: TenancyContext): Promise<PlanLimits> {
    const [plan, settings] = await Promise.all([loaders.planByCode.load(tenant.planCode), loaders.settingsByTenantId.load(tenant.id)]);
    if (!plan) throw new Error(`Tenant ${tenant.id} references missing plan ${tenant.planCode}`);
    return effectiveLimits(plan.limits, settings.limitOverrides);
  }

  @Mutation(() => Tenant, { description: 'Custom domains, CORS origins, flags, API version and limit overrides of a tenant.' })
  @Audited({ action: 'tenant.settings.update', target: (args) => `tenant/${String(args.id)}`, tenantId: (args) => args.id as string })
  updateTenantSettings(
    @Ctx() { settings }: TenancyContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateTenantSettingsInput) input: UpdateTenantSettingsInput,
  ): Promise<Tenant> {
    return settings.update(id, input);
  }
}
