import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261205092208 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "invoice" drop constraint if exists "invoice_order_id_sequence_unique";`)
    this.addSql(`alter table if exists "credit_note" add column if not exists "lines" jsonb null;`)

    this.addSql(`drop index if exists "IDX_invoice_order_id_unique";`)

    this.addSql(
      `alter table if exists "invoice" add column if not exists "kind" text check ("kind" in ('order', 'reissue', 'supplementary')) not null default 'order', add column if not exists "sequence" integer not null default 1, add column if not exists "replaces_invoice_id" text null;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_invoice_order_id_sequence_unique" ON "invoice" ("order_id", "sequence") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "credit_note" drop column if exists "lines";`)

    this.addSql(`drop index if exists "IDX_invoice_order_id_sequence_unique";`)
    this.addSql(
      `alter table if exists "invoice" drop column if exists "kind", drop column if exists "sequence", drop column if exists "replaces_invoice_id";`
    )

    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_invoice_order_id_unique" ON "invoice" ("order_id") WHERE deleted_at IS NULL;`
    )
  }
}
