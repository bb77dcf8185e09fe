import { Migration } from '@mikro-orm/migrations';

export class Migration20261125203218 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`analytics_blocked_learner\` (\`tenant_id\` text not null, \`learner_id\` text not null, \`cancellation_id\` text not null, \`blocked_at\` datetime not null, \`deleted_at\` datetime null, primary key (\`tenant_id\`, \`learner_id\`));`);
  }

}
