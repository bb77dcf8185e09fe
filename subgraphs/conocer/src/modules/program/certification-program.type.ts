import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'How the tenant certifies one standard.' })
export class CertificationProgram {
  @Field() standardCode: string;
  @Field({ description: 'The ECE/OC that evaluates and certifies it.' }) evaluationCenterId: string;
  @Field({ description: 'The certification provider plugin: `conocer` or `open-badges`.' }) provider: string;
  @Field({ description: 'A `course.completed` of a course mapped to the standard starts the certification by itself (judgment COMPETENTE, evaluated on the completion day), for learners whose CURP is on file.' })
  autoCertify: boolean;
  @Field(() => Date) updatedAt: Date;
}
