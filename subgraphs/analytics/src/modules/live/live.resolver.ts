import { Arg, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { AnalyticsContext } from '../../context';
import { EngagementEvent } from '../ingestion';
import { CompetencyStandard, Learner, ProgressEvent } from '../progress';
import { CertificationStatus } from './certification-status';
import { CertificationUpdate, standardOf } from './certification-update.type';
import { LiveSubscriptions } from './live-subscriptions';

interface SubscribeData<TArgs> {
  args: TArgs;
  context: AnalyticsContext;
}

@Resolver(() => CertificationUpdate)
export class LiveResolver {
  @Subscription(() => ProgressEvent, {
    description:
      "Progress of the caller's tenant as it is recorded, optionally for one course or learner. Learners receive only their own; instructors, tenant admins and partners with `progress:read` the whole tenant's.",
    subscribe: ({ args, context }: SubscribeData<{ courseId?: string | null; learnerId?: string | null }>) =>
      new LiveSubscriptions(context).progress(args),
  })
  progressUpdated(
    @Root() event: ProgressEvent,
    @Arg('courseId', () => String, { nullable: true }) _courseId?: string | null,
    @Arg('learnerId', () => String, { nullable: true }) _learnerId?: string | null,
  ): ProgressEvent {
    return event;
  }

  @Subscription(() => EngagementEvent, {
    description:
      "Engagement with one course of the caller's tenant as it is recorded. Learners receive only their own; instructors, tenant admins and partners with `progress:read` every learner's.",
    subscribe: ({ args, context }: SubscribeData<{ courseId: string }>) => new LiveSubscriptions(context).engagement(args),
  })
  courseEngagement(@Root() event: EngagementEvent, @Arg('courseId', () => ID) _courseId: string): EngagementEvent {
    return event;
  }

  @Subscription(() => CertificationUpdate, {
    description:
      "Status changes of the caller's tenant's certifications, optionally only those reaching `status`. Learners receive only their own; partners need the `certifications:read` scope.",
    subscribe: ({ args, context }: SubscribeData<{ status?: CertificationStatus | null }>) => new LiveSubscriptions(context).certifications(args),
  })
  certificationUpdated(
    @Root() update: CertificationUpdate,
    @Arg('status', () => CertificationStatus, { nullable: true }) _status?: CertificationStatus | null,
  ): CertificationUpdate {
    return update;
  }

  @FieldResolver(() => Learner, { nullable: true, description: 'The certified learner, from tenancy; null when tenancy has no such learner in the tenant.' })
  learner(@Root() update: CertificationUpdate): Learner {
    return { id: update.learnerId };
  }

  @FieldResolver(() => CompetencyStandard, { description: 'The CONOCER standard certified.' })
  standard(@Root() update: CertificationUpdate): CompetencyStandard {
    return standardOf(update);
  }
}
