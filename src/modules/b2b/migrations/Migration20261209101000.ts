import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** An employee's spending limit applies per order (as before) or per UTC day, week, month or year. */
export class Migration20261209101000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "employee" add column if not exists "spending_limit_period" text check ("spending_limit_period" in ('order', 'day', 'week', 'month', 'year')) not null default 'order';`
    )
  }

  override async down(): Promise<void> {
    // Rolling back deletes the periods: every spending limit applies per order again.
    this.addSql(`alter table if exists "employee" drop column if exists "spending_limit_period";`)
  }
}
