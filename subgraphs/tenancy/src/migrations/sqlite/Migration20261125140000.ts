import { Migration } from '@mikro-orm/migrations';

/**
 * The plans and their limits as data. Free/pro/enterprise request rates follow the tiers users
 * asked of other gateways (5 req/10 s, 60/min, 1,000/min), scaled for a learning product; cost
 * buckets follow Shopify's calculated-cost model (1,000-point bucket restoring 50/s on the base tier).
 */
export class Migration20261125140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`insert into "plan" ("code", "name", "max_operation_cost", "bucket_capacity", "restore_rate_per_second", "requests_per_minute", "max_depth", "max_aliases", "max_root_fields", "max_tokens", "max_document_bytes", "max_subscriptions") values
      ('free', 'Free', 1000, 1000, 50, 60, 8, 15, 5, 2000, 20000, 5),
      ('pro', 'Pro', 5000, 10000, 200, 600, 12, 30, 10, 5000, 100000, 50),
      ('enterprise', 'Enterprise', 20000, 50000, 1000, 6000, 15, 100, 20, 15000, 2000000, 1000);`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "plan" where "code" in ('free', 'pro', 'enterprise');`);
  }
}
