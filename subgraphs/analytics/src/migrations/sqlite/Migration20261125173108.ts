import { Migration } from '@mikro-orm/migrations';

export class Migration20261125173108 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`analytics_events\` (\`id\` text not null, \`occurred_at\` datetime not null, \`tenant_id\` text not null, \`kind\` text not null, \`learner_id\` text not null, \`course_id\` text not null, \`standard_code\` text null, \`percent\` double null, \`activity\` text null, \`duration_seconds\` integer null, \`client_event_id\` text null, \`source\` text not null, \`received_at\` datetime not null, \`lineage\` json not null, primary key (\`id\`, \`occurred_at\`));`);
    this.addSql(`create index \`analytics_events_tenant_id_learner_id_occurred_at_index\` on \`analytics_events\` (\`tenant_id\`, \`learner_id\`, \`occurred_at\`);`);
    this.addSql(`create index \`analytics_events_tenant_id_course_id_occurred_at_index\` on \`analytics_events\` (\`tenant_id\`, \`course_id\`, \`occurred_at\`);`);
    this.addSql(`create index \`analytics_events_tenant_id_occurred_at_index\` on \`analytics_events\` (\`tenant_id\`, \`occurred_at\`);`);

    this.addSql(`create table \`analytics_course_completion\` (\`tenant_id\` text not null, \`learner_id\` text not null, \`course_id\` text not null, \`standard_code\` text null, \`completed_at\` datetime not null, \`event_id\` text not null, primary key (\`tenant_id\`, \`learner_id\`, \`course_id\`));`);

    this.addSql(`create table \`analytics_course\` (\`tenant_id\` text not null, \`course_id\` text not null, \`title\` text not null, \`standard_code\` text null, \`updated_at\` datetime not null, primary key (\`tenant_id\`, \`course_id\`));`);

    this.addSql(`create table \`analytics_dead_letter\` (\`id\` text not null, \`tenant_id\` text null, \`kind\` text not null, \`source\` text not null, \`stage\` text not null, \`reasons\` json not null, \`payload\` json not null, \`received_at\` datetime not null, \`attempts\` integer not null, \`last_attempt_at\` datetime null, \`resolved_at\` datetime null, \`resolved_event_id\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`analytics_dead_letter_tenant_id_resolved_at_received_at_index\` on \`analytics_dead_letter\` (\`tenant_id\`, \`resolved_at\`, \`received_at\`);`);

    this.addSql(`create table \`analytics_event_receipt\` (\`tenant_id\` text not null, \`client_event_id\` text not null, \`event_id\` text not null, \`occurred_at\` datetime not null, primary key (\`tenant_id\`, \`client_event_id\`));`);

    this.addSql(`create table \`analytics_known_tenant\` (\`id\` text not null, \`first_seen_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`create table \`analytics_outbox\` (\`id\` text not null, \`type\` text not null, \`event\` json not null, \`created_at\` datetime not null, \`available_at\` datetime not null, \`published_at\` datetime null, \`attempts\` integer not null, \`last_error\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`analytics_outbox_published_at_available_at_created_at_index\` on \`analytics_outbox\` (\`published_at\`, \`available_at\`, \`created_at\`);`);

    // Hand-written: progress recorded before the pipeline moves into its tables, with its client ids and completions.
    this.addSql(`insert into \`analytics_events\` (\`id\`, \`occurred_at\`, \`tenant_id\`, \`kind\`, \`learner_id\`, \`course_id\`, \`standard_code\`, \`percent\`, \`client_event_id\`, \`source\`, \`received_at\`, \`lineage\`) select \`id\`, \`occurred_at\`, \`tenant_id\`, 'progress', \`learner_id\`, \`course_id\`, \`standard_code\`, \`percent\`, \`client_event_id\`, 'api', \`received_at\`, json_object('source', 'api', 'receivedAt', strftime('%Y-%m-%dT%H:%M:%fZ', \`received_at\` / 1000.0, 'unixepoch'), 'steps', json_array('stored'), 'routes', json_array('storage')) from \`progress_event\`;`);
    this.addSql(`insert into \`analytics_event_receipt\` (\`tenant_id\`, \`client_event_id\`, \`event_id\`, \`occurred_at\`) select \`tenant_id\`, \`client_event_id\`, \`id\`, \`occurred_at\` from \`progress_event\` where \`client_event_id\` is not null;`);
    this.addSql(`insert into \`analytics_known_tenant\` (\`id\`, \`first_seen_at\`) select \`tenant_id\`, min(\`received_at\`) from \`progress_event\` group by \`tenant_id\`;`);
    this.addSql(`insert or ignore into \`analytics_course_completion\` (\`tenant_id\`, \`learner_id\`, \`course_id\`, \`standard_code\`, \`completed_at\`, \`event_id\`) select \`tenant_id\`, \`learner_id\`, \`course_id\`, \`standard_code\`, \`occurred_at\`, \`id\` from \`progress_event\` where \`percent\` = 100 order by \`occurred_at\`;`);
    this.addSql(`drop table if exists \`progress_event\`;`);
  }

}
