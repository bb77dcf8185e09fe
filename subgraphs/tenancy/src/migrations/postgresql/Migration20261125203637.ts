import { Migration } from '@mikro-orm/migrations';

export class Migration20261125203637 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "tenancy"."tenant_settings" add column "response_headers" jsonb not null default '[]', add column "header_propagation" jsonb not null default '[]';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "tenancy"."tenant_settings" drop column "response_headers", drop column "header_propagation";`);
  }

}
