import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum StandardsSyncMode {
  FULL = 'FULL',
  INCREMENTAL = 'INCREMENTAL',
}
registerEnumType(StandardsSyncMode, {
  name: 'StandardsSyncMode',
  valuesConfig: {
    FULL: { description: 'Reads the whole CONOCER catalog; local standards it no longer lists are retired.' },
    INCREMENTAL: { description: 'Reads only what changed since the last successful sync began (a full sync when none has succeeded).' },
  },
});

export enum StandardsSyncTrigger {
  SCHEDULE = 'SCHEDULE',
  MANUAL = 'MANUAL',
}
registerEnumType(StandardsSyncTrigger, { name: 'StandardsSyncTrigger' });

export enum StandardsSyncJobStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(StandardsSyncJobStatus, { name: 'StandardsSyncJobStatus' });

export enum StandardsSyncFailureCode {
  CONOCER_UNAVAILABLE = 'CONOCER_UNAVAILABLE',
  CONOCER_TIMEOUT = 'CONOCER_TIMEOUT',
  CONOCER_RATE_LIMITED = 'CONOCER_RATE_LIMITED',
  CONOCER_AUTH = 'CONOCER_AUTH',
  CONOCER_REJECTED = 'CONOCER_REJECTED',
  CIRCUIT_OPEN = 'CIRCUIT_OPEN',
  INTERRUPTED = 'INTERRUPTED',
  INTERNAL = 'INTERNAL',
}
registerEnumType(StandardsSyncFailureCode, {
  name: 'StandardsSyncFailureCode',
  description: 'Why a sync failed. A failed sync changes nothing in the catalog.',
  valuesConfig: {
    CONOCER_UNAVAILABLE: { description: 'CONOCER answered with server errors or could not be reached, after retries.' },
    CONOCER_TIMEOUT: { description: 'CONOCER did not answer in time, after retries.' },
    CONOCER_RATE_LIMITED: { description: 'CONOCER kept throttling the requests.' },
    CONOCER_AUTH: { description: 'CONOCER refused the credentials, or its TLS certificate failed the checks (TLS 1.3, pins).' },
    CONOCER_REJECTED: { description: 'CONOCER refused a request or sent an answer of an unexpected shape.' },
    CIRCUIT_OPEN: { description: 'The circuit to CONOCER was open after repeated failures; nothing was sent.' },
    INTERRUPTED: { description: 'The process running the sync stopped before it finished.' },
    INTERNAL: { description: 'An unexpected error; the logs have its details.' },
  },
});

@ObjectType({ description: 'How far a sync has got: standards read from CONOCER out of those it announced.' })
export class StandardsSyncProgress {
  @Field(() => Int) processed: number;
  @Field(() => Int, { nullable: true, description: 'Null until CONOCER answered the first page.' }) total: number | null;
}

@ObjectType({ description: 'What a successful sync changed in the local catalog.' })
export class StandardsSyncReport {
  @Field(() => Int) added: number;
  @Field(() => Int, { description: 'Existing standards whose title, level, committee or sector changed, or that came back from retirement.' }) updated: number;
  @Field(() => Int) retired: number;
  @Field(() => Int) unchanged: number;
}

@ObjectType()
export class StandardsSyncFailure {
  @Field(() => StandardsSyncFailureCode) code: StandardsSyncFailureCode;
  @Field() message: string;
}

@ObjectType({ description: 'One run of the competency standards sync from CONOCER.' })
export class StandardsSyncJob {
  @Field(() => ID) id: string;
  @Field(() => StandardsSyncMode) mode: StandardsSyncMode;
  @Field(() => StandardsSyncTrigger) trigger: StandardsSyncTrigger;
  @Field(() => StandardsSyncJobStatus) status: StandardsSyncJobStatus;
  @Field(() => String, { nullable: true, description: 'Who started a manual run (subject).' }) requestedBy: string | null;
  @Field(() => Date, { nullable: true, description: 'Incremental runs: changes since this instant were read.' }) updatedSince: Date | null;
  @Field(() => Date) startedAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field(() => StandardsSyncProgress) progress: StandardsSyncProgress;
  @Field(() => StandardsSyncReport, { nullable: true, description: 'Set when the job SUCCEEDED.' }) report: StandardsSyncReport | null;
  @Field(() => StandardsSyncFailure, { nullable: true, description: 'Set when the job FAILED.' }) failure: StandardsSyncFailure | null;
}
