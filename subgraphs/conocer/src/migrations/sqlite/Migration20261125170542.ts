import { Migration } from '@mikro-orm/migrations';

export class Migration20261125170542 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`certification\` (\`id\` text not null, \`tenant_id\` text not null, \`learner_id\` text not null, \`standard_code\` text not null, \`judgment\` text not null, \`evaluated_on\` text not null, \`evaluation_center_id\` text not null, \`curp_ciphertext\` text not null, \`curp_key_id\` text not null, \`curp_index\` text not null, \`masked_curp\` text not null, \`status\` text not null default 'PENDING', \`provider\` text not null, \`saga_id\` text not null, \`submission_id\` text null, \`folio\` text null, \`issued_at\` datetime null, \`reason_code\` text null, \`reason_message\` text null, \`credential\` text null, \`active_key\` text null, \`submission_requested_at\` datetime null, \`submission_attempts\` integer not null default 0, \`last_submission_attempt_at\` datetime null, \`last_submission_error\` text null, \`submission_deferred_at\` datetime null, \`dead_lettered_at\` datetime null, \`submitted_at\` datetime null, \`next_poll_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, primary key (\`id\`));`);
    this.addSql(`create index \`certification_curp_index_index\` on \`certification\` (\`curp_index\`);`);
    this.addSql(`create index \`certification_folio_index\` on \`certification\` (\`folio\`);`);
    this.addSql(`create unique index \`certification_active_key_unique\` on \`certification\` (\`active_key\`);`);
    this.addSql(`create index \`certification_status_next_poll_at_index\` on \`certification\` (\`status\`, \`next_poll_at\`);`);
    this.addSql(`create index \`certification_tenant_id_learner_id_created_at_index\` on \`certification\` (\`tenant_id\`, \`learner_id\`, \`created_at\`);`);

    this.addSql(`create table \`certification_program\` (\`id\` text not null, \`tenant_id\` text not null, \`standard_code\` text not null, \`evaluation_center_id\` text not null, \`provider\` text null, \`auto_certify\` integer not null default false, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`certification_program_tenant_id_standard_code_unique\` on \`certification_program\` (\`tenant_id\`, \`standard_code\`);`);

    this.addSql(`create table \`course_completion\` (\`id\` text not null, \`tenant_id\` text not null, \`learner_id\` text not null, \`course_id\` text not null, \`standard_code\` text null, \`completed_at\` datetime not null, \`event_id\` text not null, \`received_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`course_completion_tenant_id_learner_id_standard_code_index\` on \`course_completion\` (\`tenant_id\`, \`learner_id\`, \`standard_code\`);`);
    this.addSql(`create unique index \`course_completion_tenant_id_learner_id_course_id_unique\` on \`course_completion\` (\`tenant_id\`, \`learner_id\`, \`course_id\`);`);

    this.addSql(`create table \`learner_profile\` (\`id\` text not null, \`tenant_id\` text not null, \`learner_id\` text not null, \`curp_ciphertext\` text null, \`curp_key_id\` text null, \`curp_index\` text null, \`certified_standards\` json not null, \`issued_certifications\` integer not null default 0, \`last_certified_at\` datetime null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`learner_profile_tenant_id_learner_id_unique\` on \`learner_profile\` (\`tenant_id\`, \`learner_id\`);`);

    this.addSql(`create table \`notification\` (\`id\` text not null, \`tenant_id\` text not null, \`learner_id\` text not null, \`kind\` text not null, \`title\` text not null, \`body\` text not null, \`certification_id\` text null, \`created_at\` datetime not null, \`read_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`notification_tenant_id_learner_id_created_at_index\` on \`notification\` (\`tenant_id\`, \`learner_id\`, \`created_at\`);`);

    this.addSql(`create table \`outbox_message\` (\`id\` text not null, \`type\` text not null, \`tenant_id\` text null, \`event\` json not null, \`sequence\` bigint not null, \`created_at\` datetime not null, \`available_at\` datetime not null, \`published_at\` datetime null, \`attempts\` integer not null default 0, \`last_error\` text null, \`claim_token\` text null, \`claimed_until\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`outbox_message_published_at_available_at_sequence_index\` on \`outbox_message\` (\`published_at\`, \`available_at\`, \`sequence\`);`);

    this.addSql(`create table \`certification_saga\` (\`id\` text not null, \`tenant_id\` text not null, \`request_key\` text not null, \`input\` json not null, \`status\` text not null default 'RUNNING', \`step\` integer not null default 0, \`steps\` json not null, \`certification_id\` text null, \`failure\` json null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`locked_by\` text null, \`locked_until\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, primary key (\`id\`));`);
    this.addSql(`create unique index \`certification_saga_request_key_unique\` on \`certification_saga\` (\`request_key\`);`);
    this.addSql(`create index \`certification_saga_status_next_attempt_at_index\` on \`certification_saga\` (\`status\`, \`next_attempt_at\`);`);
  }

}
