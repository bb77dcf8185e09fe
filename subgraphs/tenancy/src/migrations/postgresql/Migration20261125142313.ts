import { Migration } from '@mikro-orm/migrations';

export class Migration20261125142313 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "tenancy"."api_key" ("key_id" varchar(12) not null, "tenant_id" uuid not null, "name" varchar(100) not null, "scopes" jsonb not null, "secret_hash" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, "rotated_from_key_id" varchar(12) null, constraint "api_key_pkey" primary key ("key_id"));`);
    this.addSql(`create index "api_key_tenant_id_created_at_index" on "tenancy"."api_key" ("tenant_id", "created_at");`);

    this.addSql(`create table "tenancy"."audit_log" ("id" uuid not null, "tenant_id" uuid null, "actor" varchar(200) not null, "auth_method" varchar(16) not null, "action" varchar(64) not null, "target" varchar(300) not null, "outcome" varchar(16) not null, "request_id" varchar(128) not null, "reason" varchar(500) null, "at" timestamptz not null, constraint "audit_log_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_log_action_index" on "tenancy"."audit_log" ("action");`);
    this.addSql(`create index "audit_log_at_index" on "tenancy"."audit_log" ("at");`);
    this.addSql(`create index "audit_log_tenant_id_at_index" on "tenancy"."audit_log" ("tenant_id", "at");`);

    this.addSql(`create table "tenancy"."tenant_domain" ("domain" varchar(253) not null, "tenant_id" uuid not null, "created_at" timestamptz not null, constraint "tenant_domain_pkey" primary key ("domain"));`);
    this.addSql(`create index "tenant_domain_tenant_id_index" on "tenancy"."tenant_domain" ("tenant_id");`);

    this.addSql(`create table "tenancy"."tenant_settings" ("tenant_id" uuid not null, "cors_origins" jsonb not null, "feature_flags" jsonb not null, "api_version" varchar(16) not null default '2026-11', "introspection" boolean not null default true, "cost_extensions" boolean not null default true, "limit_overrides" jsonb not null, "updated_at" timestamptz not null, constraint "tenant_settings_pkey" primary key ("tenant_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "tenancy"."api_key" cascade;`);

    this.addSql(`drop table if exists "tenancy"."audit_log" cascade;`);

    this.addSql(`drop table if exists "tenancy"."tenant_domain" cascade;`);

    this.addSql(`drop table if exists "tenancy"."tenant_settings" cascade;`);
  }

}
