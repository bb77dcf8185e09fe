import { Migration } from '@mikro-orm/migrations';

export class Migration20261125164424 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`learner\` (\`tenant_id\` text not null, \`id\` text not null, \`display_name\` text not null, \`email\` text null, \`created_at\` datetime not null, primary key (\`tenant_id\`, \`id\`));`);
    this.addSql(`create index \`learner_tenant_id_created_at_index\` on \`learner\` (\`tenant_id\`, \`created_at\`);`);
  }

}
