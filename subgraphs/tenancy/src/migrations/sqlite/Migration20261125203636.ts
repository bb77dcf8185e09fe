import { Migration } from '@mikro-orm/migrations';

export class Migration20261125203636 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`tenant_settings\` add column \`response_headers\` json not null default '[]';`);
    this.addSql(`alter table \`tenant_settings\` add column \`header_propagation\` json not null default '[]';`);
  }

}
