import { Migration } from '@mikro-orm/migrations';

export class Migration20261125203220 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "analytics"."analytics_blocked_learner" ("tenant_id" varchar(64) not null, "learner_id" varchar(100) not null, "cancellation_id" uuid not null, "blocked_at" timestamptz not null, "deleted_at" timestamptz null, constraint "analytics_blocked_learner_pkey" primary key ("tenant_id", "learner_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "analytics"."analytics_blocked_learner" cascade;`);
  }

}
