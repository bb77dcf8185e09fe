import { IsOptional, Length, Matches, NotEquals } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { PlanCode } from '../plan';
import { TenantStatus } from './tenant.type';

export const SLUG_PATTERN = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;

@InputType()
export class CreateTenantInput {
  @Field({ description: '3–40 characters: lowercase letters, digits and dashes; starts with a letter.' })
  @Matches(SLUG_PATTERN, { message: 'slug must be 3-40 lowercase letters, digits or dashes, starting with a letter' })
  slug: string;

  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => PlanCode, { defaultValue: PlanCode.FREE })
  plan: PlanCode;
}

@InputType()
export class UpdateTenantInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => PlanCode, { nullable: true })
  @IsOptional()
  @NotEquals(null)
  plan?: PlanCode;

  @Field(() => TenantStatus, { nullable: true })
  @IsOptional()
  @NotEquals(null)
  status?: TenantStatus;
}
