import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: "A course of the tenant's catalog: once a tenant registers any, events naming other courses are dead-lettered." })
export class Course {
  @Field() courseId: string;
  @Field() title: string;
  @Field(() => String, { nullable: true, description: 'The CONOCER standard it prepares for; events without a standard get this one.' }) standardCode: string | null;
  @Field(() => Date) updatedAt: Date;
}
