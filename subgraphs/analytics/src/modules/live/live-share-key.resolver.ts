import { Ctx, Directive, Query, Resolver } from 'type-graphql';
import type { AnalyticsContext } from '../../context';
import { liveShareKey } from './live-share-key';

/** The gateway's internal question before it opens an upstream subscription; `@inaccessible` keeps it out of the client-facing API. */
@Resolver()
export class LiveShareKeyResolver {
  @Directive('@inaccessible')
  @Query(() => String, {
    nullable: true,
    description: 'Internal (gateway): callers with equal keys receive identical streams from every Subscription field, for the same document and variables; null: share with nobody.',
  })
  subscriptionShareKey(@Ctx() context: AnalyticsContext): string | null {
    return liveShareKey(context);
  }
}
