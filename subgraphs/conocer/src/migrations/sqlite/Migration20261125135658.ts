import { Migration } from '@mikro-orm/migrations';

export class Migration20261125135658 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`competency_standard\` (\`code\` text not null, \`title\` text not null, \`level\` integer not null, \`sector\` text null, \`sector_id\` text null, \`committee\` text not null, \`search_text\` text not null, \`updated_at\` datetime not null, \`retired\` integer not null default false, primary key (\`code\`));`);
    this.addSql(`create index \`competency_standard_level_index\` on \`competency_standard\` (\`level\`);`);
    this.addSql(`create index \`competency_standard_sector_index\` on \`competency_standard\` (\`sector\`);`);
    this.addSql(`create index \`competency_standard_committee_index\` on \`competency_standard\` (\`committee\`);`);
  }

}
