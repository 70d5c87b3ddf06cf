import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Quotes, their immutable versions and their message thread (src/modules/quote/README.md). */

export class Migration20261211090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "quote_version" drop constraint if exists "quote_version_quote_id_number_unique";`
    )
    this.addSql(
      `create table if not exists "quote" ("id" text not null, "company_id" text not null, "customer_id" text not null, "employee_id" text not null, "currency_code" text not null, "region_id" text not null, "sales_channel_id" text null, "source_cart_id" text null, "shipping_address" jsonb null, "po_number" text null, "status" text check ("status" in ('requested', 'revision_requested', 'quoted', 'pending_approval', 'accepted', 'rejected', 'expired', 'withdrawn')) not null default 'requested', "latest_version" integer not null default 1, "sent_version" integer null, "sent_at" timestamptz null, "expires_at" timestamptz null, "accepted_version" integer null, "cart_id" text null, "approval_request_id" text null, "order_id" text null, "closed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "quote_pkey" primary key ("id"));`
    )
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_quote_deleted_at" ON "quote" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_quote_company_id_status" ON "quote" ("company_id", "status") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_quote_expires_at" ON "quote" ("expires_at") WHERE status = 'quoted' AND deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_quote_cart_id" ON "quote" ("cart_id") WHERE cart_id IS NOT NULL AND deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "quote_message" ("id" text not null, "quote_id" text not null, "author_type" text check ("author_type" in ('employee', 'user')) not null, "author_id" text not null, "body" text not null, "version" integer null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "quote_message_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_quote_message_deleted_at" ON "quote_message" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_quote_message_quote_id" ON "quote_message" ("quote_id") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "quote_version" ("id" text not null, "quote_id" text not null, "number" integer not null, "lines" jsonb not null, "subtotal_minor" numeric not null, "discount_minor" numeric not null, "shipping" jsonb null, "shipping_minor" numeric not null, "total_minor" numeric not null, "payment_terms" text not null, "expires_at" timestamptz null, "author_type" text check ("author_type" in ('employee', 'user')) not null, "author_id" text not null, "comment" text null, "diff" jsonb null, "sent_at" timestamptz null, "raw_subtotal_minor" jsonb not null, "raw_discount_minor" jsonb not null, "raw_shipping_minor" jsonb not null, "raw_total_minor" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "quote_version_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_quote_version_deleted_at" ON "quote_version" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_quote_version_quote_id_number_unique" ON "quote_version" ("quote_id", "number") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    // Rolling back deletes every quote, version and message: an older release has no quotes
    // (orders already placed from accepted quotes stay in Medusa).
    this.addSql(`drop table if exists "quote" cascade;`)

    this.addSql(`drop table if exists "quote_message" cascade;`)

    this.addSql(`drop table if exists "quote_version" cascade;`)
  }
}
