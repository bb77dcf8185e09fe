import { ArrayMaxSize, ArrayUnique, IsOptional, Length, Matches, ValidateBy, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { PlanLimitsOverrideInput } from '../plan';
import { HeaderPropagationRuleInput, TenantResponseHeaderInput } from './header-settings.type';

/** RFC 1123 labels, lowercase, at least two labels, a letter-only TLD; no trailing dot. */
export const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const FEATURE_FLAG = /^[a-z0-9_.-]{1,64}$/;
export const API_VERSION = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * A browser origin exactly as browsers send it: http(s), a host, an optional non-default port, and
 * nothing else (no path, no trailing slash, lowercase), since the gateway compares origins as strings.
 */
export function isOrigin(value: unknown): boolean {
  if (typeof value !== 'string' || !/^https?:\/\//.test(value) || !URL.canParse(value)) return false;
  return new URL(value).origin === value;
}

const IsOrigin = () =>
  ValidateBy(
    { name: 'isOrigin', validator: { validate: isOrigin, defaultMessage: () => 'each value must be an origin like https://app.example.mx or http://localhost:3000' } },
    { each: true },
  );

@InputType({ description: 'Every field is optional; a given list replaces the stored one.' })
export class UpdateTenantSettingsInput {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(HOSTNAME, { each: true, message: 'each domain must be a lowercase hostname like cursos.example.mx' })
  customDomains?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsOrigin()
  corsOrigins?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(FEATURE_FLAG, { each: true, message: 'each flag must be 1-64 characters of a-z, 0-9, _, . or -' })
  featureFlags?: string[] | null;

  @Field(() => String, { nullable: true, description: '`YYYY-MM`, e.g. `2026-11`.' })
  @IsOptional()
  @Length(7, 7)
  @Matches(API_VERSION, { message: 'apiVersion must look like 2026-11' })
  apiVersion?: string | null;

  @Field(() => Boolean, { nullable: true }) introspection?: boolean | null;
  @Field(() => Boolean, { nullable: true }) costExtensions?: boolean | null;

  @Field(() => [TenantResponseHeaderInput], { nullable: true, description: 'Replaces the response headers.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ArrayUnique((h: TenantResponseHeaderInput) => h.name, { message: 'each response header may appear once' })
  @ValidateNested({ each: true })
  responseHeaders?: TenantResponseHeaderInput[] | null;

  @Field(() => [HeaderPropagationRuleInput], { nullable: true, description: 'Replaces the header propagation rules.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ArrayUnique((r: HeaderPropagationRuleInput) => `${r.subgraph} ${r.rename ?? r.header}`, { message: 'each subgraph may receive a header name once' })
  @ValidateNested({ each: true })
  headerPropagation?: HeaderPropagationRuleInput[] | null;

  @Field(() => PlanLimitsOverrideInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  limitOverrides?: PlanLimitsOverrideInput | null;
}
