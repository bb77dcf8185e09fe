import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** conocer's part of the platform's integration health (analytics owns `Query.integrationHealth`). */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'Health of the platform’s integrations, from live data.' })
export class IntegrationMetrics {
  @Field(() => ID) id: string;
}
