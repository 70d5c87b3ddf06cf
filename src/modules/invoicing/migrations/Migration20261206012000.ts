import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261206012000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "invoice" add column if not exists "stripe_key_epoch" integer not null default 0, add column if not exists "stripe_key_reason" text null;`
    )
  }

  override async down(): Promise<void> {
    // Rolling back deletes invoices' Stripe key epochs.
    this.addSql(
      `alter table if exists "invoice" drop column if exists "stripe_key_epoch", drop column if exists "stripe_key_reason";`
    )
  }
}
