import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261126195434 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index if exists "IDX_delivery_status_next_attempt_at";`)

    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_delivery_next_attempt_at" ON "delivery" ("next_attempt_at") WHERE status = 'pending' AND deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_delivery_next_attempt_at";`)

    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_delivery_status_next_attempt_at" ON "delivery" ("status", "next_attempt_at") WHERE deleted_at IS NULL;`
    )
  }
}
