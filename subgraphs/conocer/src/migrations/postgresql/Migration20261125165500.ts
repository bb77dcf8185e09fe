import { Migration } from '@mikro-orm/migrations';

export class Migration20261125165500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "conocer"."standards_sync_job" ("id" uuid not null, "mode" varchar(16) not null, "trigger" varchar(16) not null, "status" varchar(16) not null default 'RUNNING', "requested_by" varchar(255) null, "updated_since" timestamptz null, "started_at" timestamptz not null, "heartbeat_at" timestamptz not null, "finished_at" timestamptz null, "processed" int not null default 0, "total" int null, "added" int not null default 0, "updated" int not null default 0, "retired" int not null default 0, "unchanged" int not null default 0, "failure_code" varchar(32) null, "failure_message" text null, constraint "standards_sync_job_pkey" primary key ("id"));`);
    this.addSql(`create index "standards_sync_job_status_index" on "conocer"."standards_sync_job" ("status");`);
    this.addSql(`create index "standards_sync_job_started_at_index" on "conocer"."standards_sync_job" ("started_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "conocer"."standards_sync_job" cascade;`);
  }

}
