import { Migration } from '@mikro-orm/migrations';

export class Migration20261125151440 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`api_request\` (\`id\` text not null, \`tenant_id\` text not null, \`principal_kind\` text not null, \`principal_id\` text null, \`operation_name\` text null, \`operation_type\` text not null, \`estimated_cost\` double not null, \`actual_cost\` double null, \`status\` text not null, \`rejection_code\` text null, \`latency_ms\` double not null, \`at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`api_request_tenant_id_operation_name_at_index\` on \`api_request\` (\`tenant_id\`, \`operation_name\`, \`at\`);`);
    this.addSql(`create index \`api_request_tenant_id_at_index\` on \`api_request\` (\`tenant_id\`, \`at\`);`);
  }

}
