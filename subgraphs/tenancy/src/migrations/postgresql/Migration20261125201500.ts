import { Migration } from '@mikro-orm/migrations';

/** Each user or API key of a tenant gets its own request rate, a fraction of the tenant's. */
export class Migration20261125201500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "tenancy"."plan" add column "caller_requests_per_minute" int not null default 60;`);
    this.addSql(`update "tenancy"."plan" set "caller_requests_per_minute" = case "code" when 'free' then 30 when 'pro' then 120 when 'enterprise' then 1200 else "requests_per_minute" end;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "tenancy"."plan" drop column "caller_requests_per_minute";`);
  }
}
