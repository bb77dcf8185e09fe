import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsIn, IsOptional, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';

/** What a partner key can be granted; the subgraphs check them with `hasScope`. */
export const API_KEY_SCOPES = [
  'certifications:read',
  'certifications:write',
  'progress:read',
  'progress:write',
  'standards:read',
  'analytics:read',
  'learners:read',
] as const;

@InputType()
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, e.g. "LMS sync"; 1–100 characters.' })
  @Length(1, 100)
  name: string;

  @Field(() => [String], { description: `At least one of: ${API_KEY_SCOPES.join(', ')}.` })
  @ArrayNotEmpty()
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, { each: true, message: `each scope must be one of ${API_KEY_SCOPES.join(', ')}` })
  scopes: string[];

  @Field(() => Date, { nullable: true, description: 'When the key stops working; must be in the future. Omitted: never.' })
  @IsOptional()
  expiresAt?: Date | null;
}
