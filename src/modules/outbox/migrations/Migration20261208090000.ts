import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Hand-written: drops the `deleted_at` indexes Medusa's DML adds to every
 * model, on the three tables every delivery writes. Each is partial
 * (`WHERE deleted_at IS NULL`) on `deleted_at` itself, so every live row sits
 * in it under the same NULL key: it can answer nothing the table cannot, yet
 * every insert and every non-HOT update (a delivery's result) adds an entry.
 * Every query here filters `deleted_at IS NULL` beside a selective condition
 * that another index serves. The migration snapshot still lists them, so
 * `db:generate` does not add them back.
 */
export class Migration20261208090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index if exists "IDX_hub_event_deleted_at";`)
    this.addSql(`drop index if exists "IDX_delivery_deleted_at";`)
    this.addSql(`drop index if exists "IDX_delivery_attempt_deleted_at";`)
  }

  override async down(): Promise<void> {
    this.addSql(
      `create index if not exists "IDX_hub_event_deleted_at" on "hub_event" (deleted_at) where deleted_at is null;`
    )
    this.addSql(
      `create index if not exists "IDX_delivery_deleted_at" on "delivery" (deleted_at) where deleted_at is null;`
    )
    this.addSql(
      `create index if not exists "IDX_delivery_attempt_deleted_at" on "delivery_attempt" (deleted_at) where deleted_at is null;`
    )
  }
}
