import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Drops hub_event's (type, occurred_at) index: no query reads events by type and time, and every recorded event paid for its entry. */
export class Migration20261209091000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index if exists "IDX_hub_event_type_occurred_at";`)
  }

  override async down(): Promise<void> {
    this.addSql(
      `create index if not exists "IDX_hub_event_type_occurred_at" on "hub_event" ("type", "occurred_at") where deleted_at is null;`
    )
  }
}
