import { Migration } from '@mikro-orm/migrations';

export class Migration20261125135559 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "analytics";`);
    this.addSql(`create table "analytics"."progress_event" ("id" uuid not null, "tenant_id" varchar(64) not null, "learner_id" varchar(100) not null, "course_id" varchar(100) not null, "standard_code" varchar(10) null, "percent" double precision not null, "client_event_id" varchar(100) null, "occurred_at" timestamptz not null, "received_at" timestamptz not null, constraint "progress_event_pkey" primary key ("id"));`);
    this.addSql(`create index "progress_event_tenant_id_occurred_at_index" on "analytics"."progress_event" ("tenant_id", "occurred_at");`);
    this.addSql(`alter table "analytics"."progress_event" add constraint "progress_event_tenant_id_client_event_id_unique" unique ("tenant_id", "client_event_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "analytics"."progress_event" cascade;`);

    this.addSql(`drop schema if exists "analytics";`);
  }

}
