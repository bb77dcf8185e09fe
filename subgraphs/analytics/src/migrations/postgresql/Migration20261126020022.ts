import { Migration } from '@mikro-orm/migrations';

export class Migration20261126020022 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "analytics"."analytics_certification_milestone" ("tenant_id" varchar(64) not null, "certification_id" varchar(100) not null, "status" varchar(16) not null, "id" uuid not null, "learner_id" varchar(100) not null, "standard_code" varchar(16) not null, "folio" varchar(200) null, "reason" text null, "occurred_at" timestamptz not null, "received_at" timestamptz not null, "bus_event_id" varchar(100) null, constraint "analytics_certification_milestone_pkey" primary key ("tenant_id", "certification_id", "status"));`);
    this.addSql(`create index "analytics_certification_milestone_tenant_id_learne_055f4_index" on "analytics"."analytics_certification_milestone" ("tenant_id", "learner_id", "occurred_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "analytics"."analytics_certification_milestone" cascade;`);
  }

}
