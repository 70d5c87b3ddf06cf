import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** An employee can be deactivated (kept, with their orders, but no longer acting for the company). */
export class Migration20261210090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "employee" add column if not exists "deactivated_at" timestamptz null;`)
  }

  override async down(): Promise<void> {
    // Rolling back deletes deactivation dates: deactivated employees act for their company again.
    this.addSql(`alter table if exists "employee" drop column if exists "deactivated_at";`)
  }
}
