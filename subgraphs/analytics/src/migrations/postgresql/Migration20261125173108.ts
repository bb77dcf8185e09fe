import { Migration } from '@mikro-orm/migrations';

export class Migration20261125173108 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "analytics"."analytics_events" ("id" uuid not null, "occurred_at" timestamptz not null, "tenant_id" varchar(64) not null, "kind" varchar(16) not null, "learner_id" varchar(100) not null, "course_id" varchar(100) not null, "standard_code" varchar(16) null, "percent" double precision null, "activity" varchar(32) null, "duration_seconds" int null, "client_event_id" varchar(100) null, "source" varchar(16) not null, "received_at" timestamptz not null, "lineage" jsonb not null, constraint "analytics_events_pkey" primary key ("id", "occurred_at")) partition by range ("occurred_at");`);
    // Hand-written: partitioned by month (PartitionManager adds the monthly partitions at run time); the default
    // partition catches any month without one, so an insert never fails for want of a partition.
    this.addSql(`create table "analytics"."analytics_events_default" partition of "analytics"."analytics_events" default;`);
    this.addSql(`create index "analytics_events_tenant_id_learner_id_occurred_at_index" on "analytics"."analytics_events" ("tenant_id", "learner_id", "occurred_at");`);
    this.addSql(`create index "analytics_events_tenant_id_course_id_occurred_at_index" on "analytics"."analytics_events" ("tenant_id", "course_id", "occurred_at");`);
    this.addSql(`create index "analytics_events_tenant_id_occurred_at_index" on "analytics"."analytics_events" ("tenant_id", "occurred_at");`);

    this.addSql(`create table "analytics"."analytics_course_completion" ("tenant_id" varchar(64) not null, "learner_id" varchar(100) not null, "course_id" varchar(100) not null, "standard_code" varchar(16) null, "completed_at" timestamptz not null, "event_id" uuid not null, constraint "analytics_course_completion_pkey" primary key ("tenant_id", "learner_id", "course_id"));`);

    this.addSql(`create table "analytics"."analytics_course" ("tenant_id" varchar(64) not null, "course_id" varchar(100) not null, "title" varchar(200) not null, "standard_code" varchar(16) null, "updated_at" timestamptz not null, constraint "analytics_course_pkey" primary key ("tenant_id", "course_id"));`);

    this.addSql(`create table "analytics"."analytics_dead_letter" ("id" uuid not null, "tenant_id" varchar(64) null, "kind" varchar(16) not null, "source" varchar(16) not null, "stage" varchar(16) not null, "reasons" jsonb not null, "payload" jsonb not null, "received_at" timestamptz not null, "attempts" int not null, "last_attempt_at" timestamptz null, "resolved_at" timestamptz null, "resolved_event_id" uuid null, constraint "analytics_dead_letter_pkey" primary key ("id"));`);
    this.addSql(`create index "analytics_dead_letter_tenant_id_resolved_at_received_at_index" on "analytics"."analytics_dead_letter" ("tenant_id", "resolved_at", "received_at");`);

    this.addSql(`create table "analytics"."analytics_event_receipt" ("tenant_id" varchar(64) not null, "client_event_id" varchar(100) not null, "event_id" uuid not null, "occurred_at" timestamptz not null, constraint "analytics_event_receipt_pkey" primary key ("tenant_id", "client_event_id"));`);

    this.addSql(`create table "analytics"."analytics_known_tenant" ("id" varchar(64) not null, "first_seen_at" timestamptz not null, constraint "analytics_known_tenant_pkey" primary key ("id"));`);

    this.addSql(`create table "analytics"."analytics_outbox" ("id" uuid not null, "type" varchar(100) not null, "event" jsonb not null, "created_at" timestamptz not null, "available_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null, "last_error" varchar(500) null, constraint "analytics_outbox_pkey" primary key ("id"));`);
    this.addSql(`create index "analytics_outbox_published_at_available_at_created_at_index" on "analytics"."analytics_outbox" ("published_at", "available_at", "created_at");`);

    // Hand-written: progress recorded before the pipeline moves into its tables, with its client ids and completions.
    this.addSql(`insert into "analytics"."analytics_events" ("id", "occurred_at", "tenant_id", "kind", "learner_id", "course_id", "standard_code", "percent", "client_event_id", "source", "received_at", "lineage") select "id", "occurred_at", "tenant_id", 'progress', "learner_id", "course_id", "standard_code", "percent", "client_event_id", 'api', "received_at", jsonb_build_object('source', 'api', 'receivedAt', to_char("received_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'steps', jsonb_build_array('stored'), 'routes', jsonb_build_array('storage')) from "analytics"."progress_event";`);
    this.addSql(`insert into "analytics"."analytics_event_receipt" ("tenant_id", "client_event_id", "event_id", "occurred_at") select "tenant_id", "client_event_id", "id", "occurred_at" from "analytics"."progress_event" where "client_event_id" is not null;`);
    this.addSql(`insert into "analytics"."analytics_known_tenant" ("id", "first_seen_at") select "tenant_id", min("received_at") from "analytics"."progress_event" group by "tenant_id";`);
    this.addSql(`insert into "analytics"."analytics_course_completion" ("tenant_id", "learner_id", "course_id", "standard_code", "completed_at", "event_id") select distinct on ("tenant_id", "learner_id", "course_id") "tenant_id", "learner_id", "course_id", "standard_code", "occurred_at", "id" from "analytics"."progress_event" where "percent" = 100 order by "tenant_id", "learner_id", "course_id", "occurred_at";`);
    this.addSql(`drop table if exists "analytics"."progress_event" cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create table "analytics"."progress_event" ("id" uuid not null, "tenant_id" varchar(64) not null, "learner_id" varchar(100) not null, "course_id" varchar(100) not null, "standard_code" varchar(10) null, "percent" float8 not null, "client_event_id" varchar(100) null, "occurred_at" timestamptz(6) not null, "received_at" timestamptz(6) not null, constraint "progress_event_pkey" primary key ("id"));`);
    this.addSql(`alter table "analytics"."progress_event" add constraint "progress_event_tenant_id_client_event_id_unique" unique ("tenant_id", "client_event_id");`);
    this.addSql(`create index "progress_event_tenant_id_occurred_at_index" on "analytics"."progress_event" ("tenant_id", "occurred_at");`);

    this.addSql(`drop table if exists "analytics"."analytics_events" cascade;`);

    this.addSql(`drop table if exists "analytics"."analytics_course_completion" cascade;`);

    this.addSql(`drop table if exists "analytics"."analytics_course" cascade;`);

    this.addSql(`drop table if exists "analytics"."analytics_dead_letter" cascade;`);

    this.addSql(`drop table if exists "analytics"."analytics_event_receipt" cascade;`);

    this.addSql(`drop table if exists "analytics"."analytics_known_tenant" cascade;`);

    this.addSql(`drop table if exists "analytics"."analytics_outbox" cascade;`);
  }

}
