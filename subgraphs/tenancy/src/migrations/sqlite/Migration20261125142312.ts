import { Migration } from '@mikro-orm/migrations';

export class Migration20261125142312 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`api_key\` (\`key_id\` text not null, \`tenant_id\` text not null, \`name\` text not null, \`scopes\` json not null, \`secret_hash\` text not null, \`created_at\` datetime not null, \`expires_at\` datetime null, \`revoked_at\` datetime null, \`last_used_at\` datetime null, \`rotated_from_key_id\` text null, primary key (\`key_id\`));`);
    this.addSql(`create index \`api_key_tenant_id_created_at_index\` on \`api_key\` (\`tenant_id\`, \`created_at\`);`);

    this.addSql(`create table \`audit_log\` (\`id\` text not null, \`tenant_id\` text null, \`actor\` text not null, \`auth_method\` text not null, \`action\` text not null, \`target\` text not null, \`outcome\` text not null, \`request_id\` text not null, \`reason\` text null, \`at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`audit_log_action_index\` on \`audit_log\` (\`action\`);`);
    this.addSql(`create index \`audit_log_at_index\` on \`audit_log\` (\`at\`);`);
    this.addSql(`create index \`audit_log_tenant_id_at_index\` on \`audit_log\` (\`tenant_id\`, \`at\`);`);

    this.addSql(`create table \`tenant_domain\` (\`domain\` text not null, \`tenant_id\` text not null, \`created_at\` datetime not null, primary key (\`domain\`));`);
    this.addSql(`create index \`tenant_domain_tenant_id_index\` on \`tenant_domain\` (\`tenant_id\`);`);

    this.addSql(`create table \`tenant_settings\` (\`tenant_id\` text not null, \`cors_origins\` json not null, \`feature_flags\` json not null, \`api_version\` text not null default '2026-11', \`introspection\` integer not null default true, \`cost_extensions\` integer not null default true, \`limit_overrides\` json not null, \`updated_at\` datetime not null, primary key (\`tenant_id\`));`);
  }

}
