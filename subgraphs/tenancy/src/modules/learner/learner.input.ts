import { IsEmail, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { MAX_LEARNER_ID_LENGTH } from './learner.entity';

/** A token subject as identity providers issue them: printable, no spaces. */
export const LEARNER_ID_PATTERN = /^[^\s\p{C}]+$/u;
export const MAX_DISPLAY_NAME_LENGTH = 100;

@InputType()
export class RegisterLearnerInput {
  @Field(() => ID, { description: `The subject (\`sub\`) of the learner’s tokens: 1–${MAX_LEARNER_ID_LENGTH} characters, no spaces.` })
  @Length(1, MAX_LEARNER_ID_LENGTH)
  @Matches(LEARNER_ID_PATTERN, { message: 'id must be a token subject: no spaces or control characters' })
  id: string;

  @Field({ description: `1–${MAX_DISPLAY_NAME_LENGTH} characters, not only spaces; surrounding spaces are dropped.` })
  @Length(1, MAX_DISPLAY_NAME_LENGTH)
  @Matches(/\S/, { message: 'displayName must not be blank' })
  displayName: string;

  @Field(() => String, { nullable: true, description: 'Omitted: unchanged (none for a new learner); null: removed.' })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;
}
