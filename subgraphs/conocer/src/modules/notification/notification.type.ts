import { ConnectionType } from '@academy/subgraph-kit';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum NotificationKind {
  CERTIFICATION_ISSUED = 'CERTIFICATION_ISSUED',
  CERTIFICATION_NOT_ISSUED = 'CERTIFICATION_NOT_ISSUED',
}
registerEnumType(NotificationKind, { name: 'NotificationKind' });

@ObjectType({ description: 'A message to a learner about their certifications (Spanish, as shown to learners).' })
export class Notification {
  @Field(() => ID) id: string;
  @Field(() => NotificationKind) kind: NotificationKind;
  @Field() title: string;
  @Field() body: string;
  @Field(() => ID, { nullable: true, description: 'The certification it is about.' }) certificationId: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When the learner marked it read; null while unread.' }) readAt: Date | null;
}

export const NotificationConnection = ConnectionType(Notification);
export type NotificationConnection = InstanceType<typeof NotificationConnection>;
