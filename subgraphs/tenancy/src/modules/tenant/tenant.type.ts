import { ConnectionType } from '@academy/subgraph-kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum TenantStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(TenantStatus, { name: 'TenantStatus', description: 'A suspended tenant is refused by the gateway.' });

@ObjectType({ description: 'An organisation on the marketplace (a school, an employer, a training provider).' })
@Directive('@key(fields: "id")')
export class Tenant {
  @Field(() => ID) id: string;
  @Field({ description: 'Unique, URL-safe; used in subdomains and path prefixes (`acme.academy.mx`, `/t/acme`).' }) slug: string;
  @Field() name: string;
  @Field(() => TenantStatus) status: TenantStatus;
  /** Resolved through the plan loader by `TenantResolver.plan`. */
  planCode: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

export const TenantConnection = ConnectionType(Tenant);
export type TenantConnection = InstanceType<typeof TenantConnection>;
