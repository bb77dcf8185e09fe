import { Migration } from '@mikro-orm/migrations';

export class Migration20261126020021 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`analytics_certification_milestone\` (\`tenant_id\` text not null, \`certification_id\` text not null, \`status\` text not null, \`id\` text not null, \`learner_id\` text not null, \`standard_code\` text not null, \`folio\` text null, \`reason\` text null, \`occurred_at\` datetime not null, \`received_at\` datetime not null, \`bus_event_id\` text null, primary key (\`tenant_id\`, \`certification_id\`, \`status\`));`);
    this.addSql(`create index \`analytics_certification_milestone_tenant_id_learner_id_occurred_at_index\` on \`analytics_certification_milestone\` (\`tenant_id\`, \`learner_id\`, \`occurred_at\`);`);
  }

}
