import { Migration } from '@mikro-orm/migrations';

export class Migration20261125135558 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`progress_event\` (\`id\` text not null, \`tenant_id\` text not null, \`learner_id\` text not null, \`course_id\` text not null, \`standard_code\` text null, \`percent\` double not null, \`client_event_id\` text null, \`occurred_at\` datetime not null, \`received_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`progress_event_tenant_id_occurred_at_index\` on \`progress_event\` (\`tenant_id\`, \`occurred_at\`);`);
    this.addSql(`create unique index \`progress_event_tenant_id_client_event_id_unique\` on \`progress_event\` (\`tenant_id\`, \`client_event_id\`);`);
  }

}
