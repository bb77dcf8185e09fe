import { Migration } from '@mikro-orm/migrations';

export class Migration20261126022826 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "api_request_at_index" on "analytics"."api_request" ("at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "analytics"."api_request_at_index";`);
  }

}
