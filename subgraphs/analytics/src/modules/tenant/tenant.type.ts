import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Owned by tenancy. Analytics declares only the key and contributes its own fields
 * (`progressSummary`, `recentProgress`), which the gateway joins onto tenancy's Tenant.
 * No description here, so the supergraph shows tenancy's.
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Tenant {
  @Field(() => ID) id: string;
}
