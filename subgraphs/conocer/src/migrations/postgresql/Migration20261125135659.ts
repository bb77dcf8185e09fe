import { Migration } from '@mikro-orm/migrations';

export class Migration20261125135659 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "conocer";`);
    this.addSql(`create table "conocer"."competency_standard" ("code" varchar(16) not null, "title" text not null, "level" int not null, "sector" varchar(255) null, "sector_id" varchar(16) null, "committee" varchar(255) not null, "search_text" text not null, "updated_at" timestamptz not null, "retired" boolean not null default false, constraint "competency_standard_pkey" primary key ("code"));`);
    this.addSql(`create index "competency_standard_level_index" on "conocer"."competency_standard" ("level");`);
    this.addSql(`create index "competency_standard_sector_index" on "conocer"."competency_standard" ("sector");`);
    this.addSql(`create index "competency_standard_committee_index" on "conocer"."competency_standard" ("committee");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "conocer"."competency_standard" cascade;`);

    this.addSql(`drop schema if exists "conocer";`);
  }

}
