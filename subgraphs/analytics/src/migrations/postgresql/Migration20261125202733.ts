import { Migration } from '@mikro-orm/migrations';

export class Migration20261125202733 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "analytics"."analytics_activity_period" ("tenant_id" varchar(64) not null, "granularity" varchar(8) not null, "period_start" timestamptz not null, "course_id" varchar(100) not null, "activity" varchar(32) not null, "events" int not null, "seconds" bigint not null, constraint "analytics_activity_period_pkey" primary key ("tenant_id", "granularity", "period_start", "course_id", "activity"));`);

    this.addSql(`create table "analytics"."analytics_aggregate_period" ("granularity" varchar(8) not null, "period_start" timestamptz not null, "computed_at" timestamptz null, "stale_at" timestamptz null, constraint "analytics_aggregate_period_pkey" primary key ("granularity", "period_start"));`);

    this.addSql(`create table "analytics"."analytics_course_period" ("tenant_id" varchar(64) not null, "granularity" varchar(8) not null, "period_start" timestamptz not null, "course_id" varchar(100) not null, "events" int not null, "active_learners" int not null, "progress_events" int not null, "completions" int not null, "percent_sum" double precision not null, "engagement_events" int not null, "engagement_seconds" bigint not null, constraint "analytics_course_period_pkey" primary key ("tenant_id", "granularity", "period_start", "course_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "analytics"."analytics_activity_period" cascade;`);

    this.addSql(`drop table if exists "analytics"."analytics_aggregate_period" cascade;`);

    this.addSql(`drop table if exists "analytics"."analytics_course_period" cascade;`);
  }

}
