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
    // Rolling back deletes credit notes' lines and invoices' kind/sequence/replacement link.
    // An older release allows one live invoice per order: with reissued or supplementary
    // invoices the rollback stops here, naming the orders, rather than fail on the unique
    // index below or hide invoices (the migration runs in a transaction: nothing changes).
    this.addSql(`do $$
      declare orders text;
      begin
        select string_agg(order_id, ', ') into orders from (
          select order_id from "invoice" where deleted_at is null group by order_id having count(*) > 1 limit 10
        ) o;
        if orders is not null then
          raise exception 'cannot roll back Migration20261205092208: orders with more than one live invoice (%)', orders;
        end if;
      end $$;`)
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
