import { Migration } from '@mikro-orm/migrations';

export class Migration20261125135202 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`plan\` (\`code\` text not null, \`name\` text not null, \`max_operation_cost\` integer not null, \`bucket_capacity\` integer not null, \`restore_rate_per_second\` integer not null, \`requests_per_minute\` integer not null, \`max_depth\` integer not null, \`max_aliases\` integer not null, \`max_root_fields\` integer not null, \`max_tokens\` integer not null, \`max_document_bytes\` integer not null, \`max_subscriptions\` integer not null, primary key (\`code\`));`);

    this.addSql(`create table \`tenant\` (\`id\` text not null, \`slug\` text not null, \`name\` text not null, \`status\` text not null default 'ACTIVE', \`plan_code\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`tenant_slug_unique\` on \`tenant\` (\`slug\`);`);
    this.addSql(`create index \`tenant_status_index\` on \`tenant\` (\`status\`);`);
  }

}
