import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261205091939 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "invoice" add column if not exists "money" jsonb null;`)
  }

  override async down(): Promise<void> {
    // Rolling back deletes invoices' money breakdowns.
    this.addSql(`alter table if exists "invoice" drop column if exists "money";`)
  }
}
