import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261206001141 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "contract" add column if not exists "price_list_id" text null;`)
  }

  override async down(): Promise<void> {
    // Rolling back deletes contracts' price list links (the price lists themselves stay in Medusa).
    this.addSql(`alter table if exists "contract" drop column if exists "price_list_id";`)
  }
}
