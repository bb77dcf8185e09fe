import { Migration } from '@mikro-orm/migrations';

export class Migration20261125203200 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "tenancy"."learner_cancellation" ("tenant_id" uuid not null, "learner_id" varchar(200) not null, "id" uuid not null, "state" varchar(16) not null, "requested_by" varchar(200) not null, "requested_at" timestamptz not null, "delete_after" timestamptz not null, "blocked_event_id" uuid not null, "blocked_published_at" timestamptz null, "deleted_by" varchar(200) null, "deleted_at" timestamptz null, "deleted_event_id" uuid null, "deleted_published_at" timestamptz null, constraint "learner_cancellation_pkey" primary key ("tenant_id", "learner_id"));`);
    this.addSql(`create index "learner_cancellation_blocked_published_at_index" on "tenancy"."learner_cancellation" ("blocked_published_at");`);
    this.addSql(`create index "learner_cancellation_deleted_published_at_index" on "tenancy"."learner_cancellation" ("deleted_published_at");`);
    this.addSql(`create index "learner_cancellation_state_delete_after_index" on "tenancy"."learner_cancellation" ("state", "delete_after");`);

    this.addSql(`alter table "tenancy"."learner" add column "blocked_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "tenancy"."learner_cancellation" cascade;`);

    this.addSql(`alter table "tenancy"."learner" drop column "blocked_at";`);
  }

}
