import { Migration } from '@mikro-orm/migrations';

export class Migration20261125165500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`standards_sync_job\` (\`id\` text not null, \`mode\` text not null, \`trigger\` text not null, \`status\` text not null default 'RUNNING', \`requested_by\` text null, \`updated_since\` datetime null, \`started_at\` datetime not null, \`heartbeat_at\` datetime not null, \`finished_at\` datetime null, \`processed\` integer not null default 0, \`total\` integer null, \`added\` integer not null default 0, \`updated\` integer not null default 0, \`retired\` integer not null default 0, \`unchanged\` integer not null default 0, \`failure_code\` text null, \`failure_message\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`standards_sync_job_status_index\` on \`standards_sync_job\` (\`status\`);`);
    this.addSql(`create index \`standards_sync_job_started_at_index\` on \`standards_sync_job\` (\`started_at\`);`);
  }

}
