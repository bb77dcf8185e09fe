import { Migration } from '@mikro-orm/migrations';

export class Migration20261125170542 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "conocer"."certification" ("id" uuid not null, "tenant_id" varchar(64) not null, "learner_id" varchar(100) not null, "standard_code" varchar(16) not null, "judgment" varchar(32) not null, "evaluated_on" varchar(10) not null, "evaluation_center_id" varchar(32) not null, "curp_ciphertext" text not null, "curp_key_id" varchar(32) not null, "curp_index" varchar(64) not null, "masked_curp" varchar(18) not null, "status" varchar(16) not null default 'PENDING', "provider" varchar(32) not null, "saga_id" uuid not null, "submission_id" varchar(200) null, "folio" varchar(200) null, "issued_at" timestamptz null, "reason_code" varchar(64) null, "reason_message" varchar(500) null, "credential" text null, "active_key" varchar(200) null, "submission_requested_at" timestamptz null, "submission_attempts" int not null default 0, "last_submission_attempt_at" timestamptz null, "last_submission_error" varchar(500) null, "submission_deferred_at" timestamptz null, "dead_lettered_at" timestamptz null, "submitted_at" timestamptz null, "next_poll_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "certification_pkey" primary key ("id"));`);
    this.addSql(`create index "certification_curp_index_index" on "conocer"."certification" ("curp_index");`);
    this.addSql(`create index "certification_folio_index" on "conocer"."certification" ("folio");`);
    this.addSql(`alter table "conocer"."certification" add constraint "certification_active_key_unique" unique ("active_key");`);
    this.addSql(`create index "certification_status_next_poll_at_index" on "conocer"."certification" ("status", "next_poll_at");`);
    this.addSql(`create index "certification_tenant_id_learner_id_created_at_index" on "conocer"."certification" ("tenant_id", "learner_id", "created_at");`);

    this.addSql(`create table "conocer"."certification_program" ("id" uuid not null, "tenant_id" varchar(64) not null, "standard_code" varchar(16) not null, "evaluation_center_id" varchar(32) not null, "provider" varchar(32) null, "auto_certify" boolean not null default false, "updated_at" timestamptz not null, constraint "certification_program_pkey" primary key ("id"));`);
    this.addSql(`alter table "conocer"."certification_program" add constraint "certification_program_tenant_id_standard_code_unique" unique ("tenant_id", "standard_code");`);

    this.addSql(`create table "conocer"."course_completion" ("id" uuid not null, "tenant_id" varchar(64) not null, "learner_id" varchar(100) not null, "course_id" varchar(100) not null, "standard_code" varchar(16) null, "completed_at" timestamptz not null, "event_id" uuid not null, "received_at" timestamptz not null, constraint "course_completion_pkey" primary key ("id"));`);
    this.addSql(`create index "course_completion_tenant_id_learner_id_standard_code_index" on "conocer"."course_completion" ("tenant_id", "learner_id", "standard_code");`);
    this.addSql(`alter table "conocer"."course_completion" add constraint "course_completion_tenant_id_learner_id_course_id_unique" unique ("tenant_id", "learner_id", "course_id");`);

    this.addSql(`create table "conocer"."learner_profile" ("id" uuid not null, "tenant_id" varchar(64) not null, "learner_id" varchar(100) not null, "curp_ciphertext" text null, "curp_key_id" varchar(32) null, "curp_index" varchar(64) null, "certified_standards" jsonb not null, "issued_certifications" int not null default 0, "last_certified_at" timestamptz null, "updated_at" timestamptz not null, constraint "learner_profile_pkey" primary key ("id"));`);
    this.addSql(`alter table "conocer"."learner_profile" add constraint "learner_profile_tenant_id_learner_id_unique" unique ("tenant_id", "learner_id");`);

    this.addSql(`create table "conocer"."notification" ("id" uuid not null, "tenant_id" varchar(64) not null, "learner_id" varchar(100) not null, "kind" varchar(32) not null, "title" varchar(200) not null, "body" text not null, "certification_id" uuid null, "created_at" timestamptz not null, "read_at" timestamptz null, constraint "notification_pkey" primary key ("id"));`);
    this.addSql(`create index "notification_tenant_id_learner_id_created_at_index" on "conocer"."notification" ("tenant_id", "learner_id", "created_at");`);

    this.addSql(`create table "conocer"."outbox_message" ("id" uuid not null, "type" varchar(100) not null, "tenant_id" varchar(64) null, "event" jsonb not null, "sequence" bigint not null, "created_at" timestamptz not null, "available_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" varchar(500) null, "claim_token" uuid null, "claimed_until" timestamptz null, constraint "outbox_message_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_message_published_at_available_at_sequence_index" on "conocer"."outbox_message" ("published_at", "available_at", "sequence");`);

    this.addSql(`create table "conocer"."certification_saga" ("id" uuid not null, "tenant_id" varchar(64) not null, "request_key" varchar(300) not null, "input" jsonb not null, "status" varchar(16) not null default 'RUNNING', "step" int not null default 0, "steps" jsonb not null, "certification_id" uuid null, "failure" jsonb null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "locked_by" varchar(64) null, "locked_until" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "certification_saga_pkey" primary key ("id"));`);
    this.addSql(`alter table "conocer"."certification_saga" add constraint "certification_saga_request_key_unique" unique ("request_key");`);
    this.addSql(`create index "certification_saga_status_next_attempt_at_index" on "conocer"."certification_saga" ("status", "next_attempt_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "conocer"."certification" cascade;`);

    this.addSql(`drop table if exists "conocer"."certification_program" cascade;`);

    this.addSql(`drop table if exists "conocer"."course_completion" cascade;`);

    this.addSql(`drop table if exists "conocer"."learner_profile" cascade;`);

    this.addSql(`drop table if exists "conocer"."notification" cascade;`);

    this.addSql(`drop table if exists "conocer"."outbox_message" cascade;`);

    this.addSql(`drop table if exists "conocer"."certification_saga" cascade;`);
  }

}
