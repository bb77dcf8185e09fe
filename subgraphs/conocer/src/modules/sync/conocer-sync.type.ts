import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ConocerSyncHealth {
  HEALTHY = 'HEALTHY',
  DEGRADED = 'DEGRADED',
  FAILING = 'FAILING',
}
registerEnumType(ConocerSyncHealth, {
  name: 'ConocerSyncHealth',
  valuesConfig: {
    HEALTHY: { description: 'Calls succeed and the catalog synced within the last 48 hours (or has not been due yet).' },
    DEGRADED: { description: 'The last sync failed, the circuit is probing (half-open), or 10% or more of recent calls failed.' },
    FAILING: { description: 'The circuit is open, half or more of recent calls failed, or no sync succeeded in 48 hours.' },
  },
});

@ObjectType({ description: 'The health of the integration with CONOCER.' })
export class ConocerSync {
  @Field(() => ConocerSyncHealth) syncStatus: ConocerSyncHealth;
  @Field(() => Date, { nullable: true, description: 'When the last successful standards sync finished.' }) lastSyncTime: Date | null;
  @Field(() => Int, { description: 'Certification submissions waiting to reach CONOCER.' }) pendingSubmissions: number;
  @Field(() => Float, { description: 'Share (0-1) of calls to CONOCER that failed in the last 15 minutes, retries included.' }) errorRate: number;
}
