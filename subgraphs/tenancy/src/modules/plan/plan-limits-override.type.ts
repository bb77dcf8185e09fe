import { IsInt, IsOptional, IsPositive, Max } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import type { PlanLimits } from './plan.type';

/** The limit names, so overrides are applied and validated over exactly the plan's limits. */
export const LIMIT_NAMES = [
  'maxOperationCost',
  'bucketCapacity',
  'restoreRatePerSecond',
  'requestsPerMinute',
  'callerRequestsPerMinute',
  'maxDepth',
  'maxAliases',
  'maxRootFields',
  'maxTokens',
  'maxDocumentBytes',
  'maxSubscriptions',
] as const satisfies readonly (keyof PlanLimits)[];

export type LimitOverrides = Partial<Record<keyof PlanLimits, number>>;

/** A tenant's deviations from its plan; null means "the plan's value". */
@ObjectType({ description: 'Per-tenant overrides of the plan limits; a null field keeps the plan’s value.' })
export class PlanLimitsOverride {
  @Field(() => Int, { nullable: true }) maxOperationCost?: number;
  @Field(() => Int, { nullable: true }) bucketCapacity?: number;
  @Field(() => Int, { nullable: true }) restoreRatePerSecond?: number;
  @Field(() => Int, { nullable: true }) requestsPerMinute?: number;
  @Field(() => Int, { nullable: true }) callerRequestsPerMinute?: number;
  @Field(() => Int, { nullable: true }) maxDepth?: number;
  @Field(() => Int, { nullable: true }) maxAliases?: number;
  @Field(() => Int, { nullable: true }) maxRootFields?: number;
  @Field(() => Int, { nullable: true }) maxTokens?: number;
  @Field(() => Int, { nullable: true }) maxDocumentBytes?: number;
  @Field(() => Int, { nullable: true }) maxSubscriptions?: number;
}

/** Ints from GraphQL are 32-bit already; this bound keeps overrides below absurd values. */
const MAX_LIMIT = 1_000_000_000;

@InputType({ description: 'Replaces all overrides: an omitted or null field means "the plan’s value". Values are positive integers.' })
export class PlanLimitsOverrideInput {
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @IsPositive() @Max(MAX_LIMIT) maxOperationCost?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @IsPositive() @Max(MAX_LIMIT) bucketCapacity?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @IsPositive() @Max(MAX_LIMIT) restoreRatePerSecond?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @IsPositive() @Max(MAX_LIMIT) requestsPerMinute?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @IsPositive() @Max(MAX_LIMIT) callerRequestsPerMinute?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @IsPositive() @Max(MAX_LIMIT) maxDepth?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @IsPositive() @Max(MAX_LIMIT) maxAliases?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @IsPositive() @Max(MAX_LIMIT) maxRootFields?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @IsPositive() @Max(MAX_LIMIT) maxTokens?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @IsPositive() @Max(MAX_LIMIT) maxDocumentBytes?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @IsPositive() @Max(MAX_LIMIT) maxSubscriptions?: number | null;
}

/** Only the limits that are set, so the stored JSON stays small and "unset" is unambiguous. */
export function overridesFrom(input: PlanLimitsOverrideInput): LimitOverrides {
  const out: LimitOverrides = {};
  for (const name of LIMIT_NAMES) {
    const value = input[name];
    if (typeof value === 'number') out[name] = value;
  }
  return out;
}

/** The limits the gateway enforces: the plan's, with each set override replacing its value. */
export function effectiveLimits(plan: PlanLimits, overrides: LimitOverrides): PlanLimits {
  const out = { ...plan };
  for (const name of LIMIT_NAMES) {
    const value = overrides[name];
    if (typeof value === 'number') out[name] = value;
  }
  return out;
}
