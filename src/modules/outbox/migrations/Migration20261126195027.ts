import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261126195027 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index if exists "IDX_delivery_target_type_target_id_status";`)
  }

  override async down(): Promise<void> {
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_delivery_target_type_target_id_status" ON "delivery" ("target_type", "target_id", "status") WHERE deleted_at IS NULL;`
    )
  }
}
