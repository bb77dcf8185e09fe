import { Migration } from '@mikro-orm/migrations';

export class Migration20261125202732 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`analytics_activity_period\` (\`tenant_id\` text not null, \`granularity\` text not null, \`period_start\` datetime not null, \`course_id\` text not null, \`activity\` text not null, \`events\` integer not null, \`seconds\` bigint not null, primary key (\`tenant_id\`, \`granularity\`, \`period_start\`, \`course_id\`, \`activity\`));`);

    this.addSql(`create table \`analytics_aggregate_period\` (\`granularity\` text not null, \`period_start\` datetime not null, \`computed_at\` datetime null, \`stale_at\` datetime null, primary key (\`granularity\`, \`period_start\`));`);

    this.addSql(`create table \`analytics_course_period\` (\`tenant_id\` text not null, \`granularity\` text not null, \`period_start\` datetime not null, \`course_id\` text not null, \`events\` integer not null, \`active_learners\` integer not null, \`progress_events\` integer not null, \`completions\` integer not null, \`percent_sum\` double not null, \`engagement_events\` integer not null, \`engagement_seconds\` bigint not null, primary key (\`tenant_id\`, \`granularity\`, \`period_start\`, \`course_id\`));`);
  }

}
