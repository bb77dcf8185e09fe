import { Migration } from '@mikro-orm/migrations';

export class Migration20261125135202 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "tenancy";`);
    this.addSql(`create table "tenancy"."plan" ("code" varchar(32) not null, "name" varchar(255) not null, "max_operation_cost" int not null, "bucket_capacity" int not null, "restore_rate_per_second" int not null, "requests_per_minute" int not null, "max_depth" int not null, "max_aliases" int not null, "max_root_fields" int not null, "max_tokens" int not null, "max_document_bytes" int not null, "max_subscriptions" int not null, constraint "plan_pkey" primary key ("code"));`);

    this.addSql(`create table "tenancy"."tenant" ("id" uuid not null, "slug" varchar(40) not null, "name" varchar(200) not null, "status" varchar(16) not null default 'ACTIVE', "plan_code" varchar(32) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "tenant_pkey" primary key ("id"));`);
    this.addSql(`alter table "tenancy"."tenant" add constraint "tenant_slug_unique" unique ("slug");`);
    this.addSql(`create index "tenant_status_index" on "tenancy"."tenant" ("status");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "tenancy"."plan" cascade;`);

    this.addSql(`drop table if exists "tenancy"."tenant" cascade;`);

    this.addSql(`drop schema if exists "tenancy";`);
  }

}
