import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * A delivery's first attempt, when it succeeds, lives in the delivery row
 * instead of a delivery_attempt row (see lib/delivery-results.ts).
 */
export class Migration20261208091000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "delivery" add column if not exists "first_attempt_at" timestamptz null, add column if not exists "first_status_code" integer null, add column if not exists "first_duration_ms" integer null, add column if not exists "first_response_body" text null;`
    )
  }

  override async down(): Promise<void> {
    // The log's first successes move back into attempt rows before their columns go.
    this.addSql(
      `insert into "delivery_attempt" (id, delivery_id, attempt, outcome, status_code, duration_ms, response_body, error, created_at, updated_at)
       select 'att_' || md5(d.id), d.id, 1, 'success', d.first_status_code, coalesce(d.first_duration_ms, 0), d.first_response_body, null, d.first_attempt_at, now()
         from "delivery" d where d.first_attempt_at is not null
       on conflict (delivery_id, attempt) where deleted_at is null do nothing;`
    )
    this.addSql(
      `alter table if exists "delivery" drop column if exists "first_attempt_at", drop column if exists "first_status_code", drop column if exists "first_duration_ms", drop column if exists "first_response_body";`
    )
  }
}
