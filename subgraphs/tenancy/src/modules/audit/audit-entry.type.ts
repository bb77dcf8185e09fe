import { ConnectionType } from '@academy/subgraph-kit';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** Values equal names (see PlanCode); events carry the lowercase form. */
export enum AuditOutcome {
  SUCCESS = 'SUCCESS',
  FAILURE = 'FAILURE',
  DENIED = 'DENIED',
}
registerEnumType(AuditOutcome, {
  name: 'AuditOutcome',
  description: 'DENIED: refused by authorization; FAILURE: allowed but failed (bad input, conflict, not found).',
});

@ObjectType({ description: 'An administrative action on the platform, whatever its outcome. Never holds secrets.' })
export class AuditEntry {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true, description: 'The tenant the action concerned; null for platform-wide actions.' }) tenantId: string | null;
  @Field({ description: 'The subject that acted (user id, API key id or service name).' }) actor: string;
  @Field({ description: 'How the actor authenticated: jwt, api_key, hmac, service or anonymous.' }) authMethod: string;
  @Field({ description: 'What was attempted, e.g. `api-key.revoke`.' }) action: string;
  @Field({ description: 'What it was attempted on, e.g. `api-key/abcdefgh2345`.' }) target: string;
  @Field(() => AuditOutcome) outcome: AuditOutcome;
  @Field() requestId: string;
  @Field(() => String, { nullable: true, description: 'Why it failed or was denied: the error code and message.' }) reason: string | null;
  @Field(() => Date) at: Date;
}

export const AuditEntryConnection = ConnectionType(AuditEntry);
export type AuditEntryConnection = InstanceType<typeof AuditEntryConnection>;
