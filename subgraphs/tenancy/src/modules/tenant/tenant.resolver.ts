import { AppError } from '@academy/service-kit';
import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { TenancyContext } from '../../context';
import { Audited } from '../audit';
import { Plan } from '../plan';
import { CreateTenantInput, UpdateTenantInput } from './tenant.input';
import { Tenant, TenantConnection, TenantStatus } from './tenant.type';

const tenantTarget = (id: unknown) => `tenant/${String(id)}`;
const createdId = (result: unknown) => (result as Tenant | undefined)?.id;

@Resolver(() => Tenant)
export class TenantResolver {
  @Query(() => Tenant, {
    nullable: true,
    description: 'A tenant by `id` or by `slug` (exactly one). Null when it does not exist or is not the caller’s own tenant.',
  })
  async tenant(
    @Ctx() { loaders, tenants }: TenancyContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('slug', () => String, { nullable: true }) slug?: string,
  ): Promise<Tenant | null> {
    if ((id == null) === (slug == null)) throw new AppError('BAD_USER_INPUT', 'Give exactly one of id or slug');
    if (id != null) return (await loaders.tenantById.load(id)) ?? null;
    return tenants.bySlug(slug!);
  }

  @Query(() => TenantConnection, { description: 'Tenants in creation order, a page at a time (platform admins).' })
  @Directive('@listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])')
  tenants(
    @Ctx() { tenants }: TenancyContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('status', () => TenantStatus, { nullable: true }) status?: TenantStatus,
  ): Promise<TenantConnection> {
    return tenants.list(first, after, status);
  }

  @Mutation(() => Tenant, { description: 'Platform admins only.' })
  @Audited({
    action: 'tenant.create',
    target: (args, result) => tenantTarget(createdId(result) ?? (args.input as CreateTenantInput | undefined)?.slug),
    tenantId: (_args, result) => createdId(result),
  })
  createTenant(@Ctx() { tenants }: TenancyContext, @Arg('input', () => CreateTenantInput) input: CreateTenantInput): Promise<Tenant> {
    return tenants.create(input);
  }

  @Mutation(() => Tenant, { description: 'A tenant admin renames their own tenant; platform admins also change plan and status.' })
  @Audited({ action: 'tenant.update', target: (args) => tenantTarget(args.id), tenantId: (args) => args.id as string })
  updateTenant(
    @Ctx() { tenants }: TenancyContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateTenantInput) input: UpdateTenantInput,
  ): Promise<Tenant> {
    return tenants.update(id, input);
  }

  @FieldResolver(() => Plan)
  async plan(@Root() tenant: Tenant, @Ctx() { loaders }: TenancyContext): Promise<Plan> {
    const plan = await loaders.planByCode.load(tenant.planCode);
    if (!plan) throw new Error(`Tenant ${tenant.id} references missing plan ${tenant.planCode}`);
    return plan;
  }
}
