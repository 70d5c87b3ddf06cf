import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261205090754 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "credit_hold" drop constraint if exists "credit_hold_reference_unique";`)
    this.addSql(
      `create table if not exists "credit_hold" ("id" text not null, "reference" text not null, "company_id" text not null, "currency_code" text not null, "cart_id" text null, "order_id" text null, "amount_minor" numeric not null, "expires_at" timestamptz null, "released_at" timestamptz null, "release_reason" text check ("release_reason" in ('invoiced', 'not_invoiced', 'checkout_failed', 'withdrawn')) null, "raw_amount_minor" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "credit_hold_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_credit_hold_reference_unique" ON "credit_hold" ("reference") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_credit_hold_deleted_at" ON "credit_hold" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_credit_hold_company_id_currency_code" ON "credit_hold" ("company_id", "currency_code") WHERE released_at IS NULL AND deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_credit_hold_cart_id" ON "credit_hold" ("cart_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_credit_hold_order_id" ON "credit_hold" ("order_id") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    // Rolling back deletes the credit holds (reservations against credit limits); an older
    // release did not reserve credit, so open carts simply stop holding any.
    this.addSql(`drop table if exists "credit_hold" cascade;`)
  }
}
