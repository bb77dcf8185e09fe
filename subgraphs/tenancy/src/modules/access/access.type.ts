import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PlanCode, PlanLimits } from '../plan';
import { HeaderPropagationRule, TenantResponseHeader } from '../settings';
import { TenantStatus } from '../tenant';

/**
 * What the gateway needs to serve a tenant, in one lookup. `@inaccessible`: composed into the
 * supergraph for the gateway's direct calls, absent from the client-facing API schema.
 */
@ObjectType({ description: 'Internal: a tenant as the gateway resolves and limits it.' })
@Directive('@inaccessible')
export class TenantAccess {
  @Field(() => ID) id: string;
  @Field() slug: string;
  @Field() name: string;
  @Field(() => TenantStatus) status: TenantStatus;
  @Field(() => PlanCode) plan: PlanCode;
  @Field(() => PlanLimits, { description: 'The plan’s limits with the tenant’s overrides applied.' }) limits: PlanLimits;
  @Field(() => [String]) customDomains: string[];
  @Field(() => [String]) corsOrigins: string[];
  @Field(() => [String]) featureFlags: string[];
  @Field() apiVersion: string;
  @Field() introspection: boolean;
  @Field() costExtensions: boolean;
  @Field(() => [TenantResponseHeader]) responseHeaders: TenantResponseHeader[];
  @Field(() => [HeaderPropagationRule]) headerPropagation: HeaderPropagationRule[];
}

@ObjectType({ description: 'Internal: what the gateway needs to authenticate an API key. Never exposed to clients.' })
@Directive('@inaccessible')
export class ApiKeyAccess {
  @Field() keyId: string;
  @Field(() => ID) tenantId: string;
  @Field() name: string;
  @Field(() => [String]) scopes: string[];
  @Field({ description: 'Lowercase hex SHA-256 of the secret part of the key.' }) secretHash: string;
  @Field({ description: 'The HMAC request-signing secret (base64url).' }) signingSecret: string;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
}
