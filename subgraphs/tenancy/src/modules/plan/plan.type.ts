import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/**
 * Enum values equal their names: the subgraph schema is rebuilt from printed SDL, where argument
 * defaults keep the name, so a different internal value would reach resolvers only sometimes.
 * The database stores the lowercase code (`planCodeOf`/`planCodeFrom` convert).
 */
export enum PlanCode {
  FREE = 'FREE',
  PRO = 'PRO',
  ENTERPRISE = 'ENTERPRISE',
}

export const planCodeFrom = (stored: string): PlanCode => stored.toUpperCase() as PlanCode;
export const storedPlanCode = (code: PlanCode): string => code.toLowerCase();
registerEnumType(PlanCode, { name: 'PlanCode', description: 'The commercial tiers.' });

@ObjectType({ description: 'Per-tenant limits a plan grants; the gateway enforces them.' })
export class PlanLimits {
  @Field(() => Int, { description: 'Largest estimated cost one operation may have.' }) maxOperationCost: number;
  @Field(() => Int, { description: 'Cost points the leaky bucket holds.' }) bucketCapacity: number;
  @Field(() => Int, { description: 'Cost points restored per second.' }) restoreRatePerSecond: number;
  @Field(() => Int, { description: 'Requests per minute for the whole tenant.' }) requestsPerMinute: number;
  @Field(() => Int, { description: 'Requests per minute for each user or API key of the tenant.' }) callerRequestsPerMinute: number;
  @Field(() => Int) maxDepth: number;
  @Field(() => Int) maxAliases: number;
  @Field(() => Int) maxRootFields: number;
  @Field(() => Int) maxTokens: number;
  @Field(() => Int) maxDocumentBytes: number;
  @Field(() => Int) maxSubscriptions: number;
}

@ObjectType({ description: 'A commercial tier: free, pro or enterprise.' })
export class Plan {
  @Field(() => PlanCode) code: PlanCode;
  @Field() name: string;
  @Field(() => PlanLimits) limits: PlanLimits;
}
