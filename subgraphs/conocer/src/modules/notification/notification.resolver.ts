import { Arg, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { ConocerContext } from '../../context';
import { Notification, NotificationConnection } from './notification.type';

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: 'The signed-in learner’s notifications, newest first.' })
  @Directive('@listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])')
  myNotifications(
    @Ctx() { notifications }: ConocerContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly = false,
  ): Promise<NotificationConnection> {
    return notifications.mine(first, after, unreadOnly);
  }

  @Mutation(() => Notification, { description: 'Marks one of the caller’s notifications read (idempotent).' })
  markNotificationRead(@Ctx() { notifications }: ConocerContext, @Arg('id', () => ID) id: string): Promise<Notification> {
    return notifications.markRead(id);
  }
}
