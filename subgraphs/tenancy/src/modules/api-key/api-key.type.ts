import { ConnectionType } from '@academy/subgraph-kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { API_KEY_SCOPES } from './api-key.input';

/** Values equal names (see PlanCode). */
export enum ApiKeyStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(ApiKeyStatus, { name: 'ApiKeyStatus', description: 'Only ACTIVE keys authenticate; REVOKED wins over EXPIRED.' });

@ObjectType({ description: 'A partner API key of the caller’s tenant. The key itself is shown only once, at creation.' })
export class ApiKey {
  @Field(() => ID, { description: 'The key id: the public part of the key.' }) id: string;
  @Field() name: string;
  @Field({ description: 'How the key begins, e.g. `acad_abcdefgh2345_…`, to recognise it; holds no secret.' }) prefix: string;
  // Scopes are unique and drawn from API_KEY_SCOPES, so that is the longest the list can be.
  @Field(() => [String], { description: 'What the key may do, e.g. `certifications:read`.' })
  @Directive(`@listSize(assumedSize: ${API_KEY_SCOPES.length})`)
  scopes: string[];

  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'Last use the gateway reported (at most once a minute).' }) lastUsedAt: Date | null;
  @Field(() => ID, { nullable: true, description: 'The key this one replaced, when created by rotateApiKey.' }) rotatedFromId: string | null;
  @Field(() => ApiKeyStatus) status: ApiKeyStatus;
}

@ObjectType({ description: 'A new key. `key` and `signingSecret` are shown this once: store them now.' })
export class CreatedApiKey {
  @Field(() => ApiKey) apiKey: ApiKey;
  @Field({ description: 'The full key, `acad_<keyId>_<secret>`; send it as `X-Api-Key` (or `Authorization: Bearer`).' }) key: string;
  @Field({ description: 'The HMAC-SHA256 secret for signed requests (base64url).' }) signingSecret: string;
}

export const ApiKeyConnection = ConnectionType(ApiKey);
export type ApiKeyConnection = InstanceType<typeof ApiKeyConnection>;
