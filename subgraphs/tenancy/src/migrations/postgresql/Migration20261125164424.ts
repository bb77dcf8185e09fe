import { Migration } from '@mikro-orm/migrations';

export class Migration20261125164424 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "tenancy"."learner" ("tenant_id" uuid not null, "id" varchar(200) not null, "display_name" varchar(100) not null, "email" varchar(254) null, "created_at" timestamptz not null, constraint "learner_pkey" primary key ("tenant_id", "id"));`);
    this.addSql(`create index "learner_tenant_id_created_at_index" on "tenancy"."learner" ("tenant_id", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "tenancy"."learner" cascade;`);
  }

}
