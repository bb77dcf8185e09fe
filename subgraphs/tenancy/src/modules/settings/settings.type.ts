import { Directive, Field, ObjectType } from 'type-graphql';
import { PlanLimitsOverride } from '../plan';
import { HeaderPropagationRule, TenantResponseHeader } from './header-settings.type';

@ObjectType({ description: 'How the gateway serves a tenant. Visible to the tenant’s admins and platform admins.' })
export class TenantSettings {
  // Sizes are what a tenant typically stores, below the input limits (20, 50 and 100 entries). Strings
  // cost nothing, so they only matter if a weight is ever put on them; the annotation keeps the list
  // from silently taking the gateway's default size.
  @Field(() => [String], { description: 'Hostnames that resolve to this tenant (lowercase, unique across tenants).' })
  @Directive('@listSize(assumedSize: 5)')
  customDomains: string[];

  @Field(() => [String], { description: 'Browser origins (`scheme://host[:port]`) allowed to call the API for this tenant.' })
  @Directive('@listSize(assumedSize: 5)')
  corsOrigins: string[];

  @Field(() => [String], { description: 'Feature flags enabled for this tenant.' })
  @Directive('@listSize(assumedSize: 10)')
  featureFlags: string[];

  @Field({ description: 'The API version the tenant is pinned to (`YYYY-MM`).' }) apiVersion: string;
  @Field({ description: 'Whether the tenant’s clients may introspect the schema.' }) introspection: boolean;
  @Field({ description: 'Whether responses carry `extensions.cost`.' }) costExtensions: boolean;
  @Field(() => [TenantResponseHeader], { description: 'Headers the gateway adds to the tenant’s responses.' })
  @Directive('@listSize(assumedSize: 5)')
  responseHeaders: TenantResponseHeader[];

  @Field(() => [HeaderPropagationRule], { description: 'Client headers the gateway forwards to given subgraphs (none by default).' })
  @Directive('@listSize(assumedSize: 5)')
  headerPropagation: HeaderPropagationRule[];

  @Field(() => PlanLimitsOverride, { description: 'Deviations from the plan’s limits; see `Tenant.effectiveLimits`.' }) limitOverrides: PlanLimitsOverride;
}
