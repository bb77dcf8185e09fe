import { isHeaderValue, unforwardableReason, unsettableReason } from '@academy/service-kit';
import { Matches, ValidateBy, type ValidationArguments } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';

/** A subgraph name as composition accepts it (the gateway ignores rules for subgraphs it does not route). */
const SUBGRAPH_NAME = /^[a-z][a-z0-9_-]{0,63}$/;

/** A class-validator rule from a service-kit rule that explains itself (null: fine). */
const Explained = (name: string, reasonOf: (value: string) => string | null) =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && reasonOf(value) === null,
      defaultMessage: (args?: ValidationArguments) => (typeof args?.value === 'string' ? (reasonOf(args.value) ?? '') : `${args?.property} must be a string`),
    },
  });

@ObjectType({ description: 'A header the gateway adds to every response of the tenant.' })
export class TenantResponseHeader {
  @Field({ description: 'Lowercase, `x-` headers only; never a security or gateway-owned header.' }) name: string;
  @Field() value: string;
}

@ObjectType({ description: 'A client request header the gateway copies onto its calls to one subgraph.' })
export class HeaderPropagationRule {
  @Field({ description: 'The subgraph the header goes to, e.g. `conocer`.' }) subgraph: string;
  @Field({ description: 'The client header, lowercase, e.g. `accept-language`. Credentials (Authorization, cookies, API keys) are never forwarded.' }) header: string;
  @Field(() => String, { nullable: true, description: 'The name the subgraph receives it under; null: the same name.' }) rename: string | null;
}

@InputType()
export class TenantResponseHeaderInput {
  @Field() @Explained('isSettableHeader', unsettableReason) name: string;
  @Field()
  @ValidateBy({ name: 'isHeaderValue', validator: { validate: (v: unknown) => typeof v === 'string' && isHeaderValue(v), defaultMessage: () => 'value must be at most 256 visible ASCII characters (no line breaks)' } })
  value: string;
}

@InputType()
export class HeaderPropagationRuleInput {
  @Field() @Matches(SUBGRAPH_NAME, { message: 'subgraph must be a subgraph name like conocer' }) subgraph: string;
  @Field() @Explained('isForwardableHeader', unforwardableReason) header: string;
  @Field(() => String, { nullable: true })
  @ValidateBy({
    name: 'isForwardableRename',
    validator: {
      validate: (value: unknown) => value == null || (typeof value === 'string' && unforwardableReason(value) === null),
      defaultMessage: (args?: ValidationArguments) => `rename: ${unforwardableReason(String(args?.value))}`,
    },
  })
  rename?: string | null;
}
