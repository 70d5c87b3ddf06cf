import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Hand-written (DML cannot express it): delivery pages keep 60 % free. At 70 %
 * (Migration20261126195500) a page of freshly recorded deliveries had room for
 * only ~40 % of their claims' new row versions, so most claims were not HOT
 * and wrote an entry into each of the table's indexes. At 40 % every claim of
 * a batch is HOT (checked in integration-tests/http/webhooks/durability.spec.ts):
 * Postgres CPU per delivery fell ~25 % (bench:webhooks, 10 endpoints, 118–173
 * → 88–137 µs). The price is a larger table; rows are small and finished ones
 * are pruned like any other.
 */
export class Migration20261209090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "delivery" set (fillfactor = 40);`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "delivery" set (fillfactor = 70);`)
  }
}
