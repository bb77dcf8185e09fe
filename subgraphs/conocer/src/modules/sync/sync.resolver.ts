import { Arg, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { checkPageSize } from '@academy/subgraph-kit';
import type { ConocerContext } from '../../context';
import { ConocerSync } from './conocer-sync.type';
import { StandardsSyncJob, StandardsSyncMode, StandardsSyncTrigger } from './sync-job.type';
import { toStandardsSyncJob } from './sync-job.view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Resolver()
export class SyncResolver {
  @Mutation(() => StandardsSyncJob, {
    description: 'Starts a sync of the competency standards catalog from CONOCER and returns the job (RUNNING); follow it with `standardsSyncJob`. CONFLICT while another sync runs.',
  })
  @Directive('@cost(weight: 10)')
  async syncCompetencyStandards(
    @Ctx() { standardsSync, principal }: ConocerContext,
    @Arg('mode', () => StandardsSyncMode, { defaultValue: StandardsSyncMode.INCREMENTAL }) mode: StandardsSyncMode,
  ): Promise<StandardsSyncJob> {
    return toStandardsSyncJob(await standardsSync.start(mode, StandardsSyncTrigger.MANUAL, principal.subject));
  }

  @Query(() => StandardsSyncJob, { nullable: true, description: 'A standards sync job by id; null when unknown.' })
  async standardsSyncJob(@Ctx() { syncJobs }: ConocerContext, @Arg('id', () => ID) id: string): Promise<StandardsSyncJob | null> {
    if (!UUID.test(id)) return null;
    const job = await syncJobs.byId(id);
    return job ? toStandardsSyncJob(job) : null;
  }

  @Query(() => [StandardsSyncJob], { description: 'The latest standards sync jobs, newest first.' })
  @Directive('@listSize(slicingArguments: ["first"])')
  async standardsSyncJobs(@Ctx() { syncJobs }: ConocerContext, @Arg('first', () => Int, { defaultValue: 10 }) first = 10): Promise<StandardsSyncJob[]> {
    return (await syncJobs.latest(checkPageSize(first))).map(toStandardsSyncJob);
  }

  @Query(() => ConocerSync, { description: 'Health of the CONOCER integration: sync status, last catalog sync, submission backlog, error rate.' })
  @Directive('@cost(weight: 5)')
  conocerSync(@Ctx() { conocerHealth }: ConocerContext): Promise<ConocerSync> {
    return conocerHealth.status();
  }
}
