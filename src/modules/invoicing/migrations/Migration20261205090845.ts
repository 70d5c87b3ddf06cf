import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261205090845 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "invoice" add column if not exists "rounding_minor" numeric not null default 0, add column if not exists "raw_rounding_minor" jsonb not null default '{"value":"0","precision":20}';`
    )
  }

  override async down(): Promise<void> {
    // Rolling back deletes invoices' rounding amounts.
    this.addSql(
      `alter table if exists "invoice" drop column if exists "rounding_minor", drop column if exists "raw_rounding_minor";`
    )
  }
}
