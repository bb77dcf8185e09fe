import { Directive, Field, ObjectType } from 'type-graphql';

@ObjectType('EventLineage', { description: 'Where a stored event came from and the pipeline steps it went through.' })
export class EventLineageType {
  @Field({ description: '`api` (a mutation), `bus` (a domain event), `replay` (a replayed dead letter) or `seed` (demo data).' }) source: string;
  @Field(() => Date, { description: 'When the pipeline first received it.' }) receivedAt: Date;
  @Directive('@listSize(assumedSize: 5)')
  @Field(() => [String], { description: 'The steps, in order: buffered, validated, enriched, routed, stored.' }) steps: string[];
  @Directive('@listSize(assumedSize: 4)')
  @Field(() => [String], { description: 'Where the router sent it, e.g. `storage`, `stream:progress.recorded`, `trigger:course.completed`.' }) routes: string[];
  @Field(() => String, { nullable: true, description: 'The dead letter it was replayed from.' }) replayOf: string | null;
}
