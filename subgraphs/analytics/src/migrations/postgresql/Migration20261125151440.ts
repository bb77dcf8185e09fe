import { Migration } from '@mikro-orm/migrations';

export class Migration20261125151440 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "analytics"."api_request" ("id" uuid not null, "tenant_id" varchar(64) not null, "principal_kind" varchar(16) not null, "principal_id" varchar(200) null, "operation_name" varchar(200) null, "operation_type" varchar(16) not null, "estimated_cost" double precision not null, "actual_cost" double precision null, "status" varchar(16) not null, "rejection_code" varchar(64) null, "latency_ms" double precision not null, "at" timestamptz not null, constraint "api_request_pkey" primary key ("id"));`);
    this.addSql(`create index "api_request_tenant_id_operation_name_at_index" on "analytics"."api_request" ("tenant_id", "operation_name", "at");`);
    this.addSql(`create index "api_request_tenant_id_at_index" on "analytics"."api_request" ("tenant_id", "at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "analytics"."api_request" cascade;`);
  }

}
