import { Migration } from '@mikro-orm/migrations';

export class Migration20261125203158 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`learner_cancellation\` (\`tenant_id\` text not null, \`learner_id\` text not null, \`id\` text not null, \`state\` text not null, \`requested_by\` text not null, \`requested_at\` datetime not null, \`delete_after\` datetime not null, \`blocked_event_id\` text not null, \`blocked_published_at\` datetime null, \`deleted_by\` text null, \`deleted_at\` datetime null, \`deleted_event_id\` text null, \`deleted_published_at\` datetime null, primary key (\`tenant_id\`, \`learner_id\`));`);
    this.addSql(`create index \`learner_cancellation_blocked_published_at_index\` on \`learner_cancellation\` (\`blocked_published_at\`);`);
    this.addSql(`create index \`learner_cancellation_deleted_published_at_index\` on \`learner_cancellation\` (\`deleted_published_at\`);`);
    this.addSql(`create index \`learner_cancellation_state_delete_after_index\` on \`learner_cancellation\` (\`state\`, \`delete_after\`);`);

    this.addSql(`alter table \`learner\` add column \`blocked_at\` datetime null;`);
  }

}
