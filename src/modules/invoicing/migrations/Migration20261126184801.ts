import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261126184801 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "stripe_event" drop constraint if exists "stripe_event_event_id_unique";`)
    this.addSql(`alter table if exists "invoice" drop constraint if exists "invoice_order_id_unique";`)
    this.addSql(`alter table if exists "credit_note" drop constraint if exists "credit_note_reason_key_unique";`)
    this.addSql(
      `create table if not exists "credit_note" ("id" text not null, "invoice_id" text not null, "order_id" text not null, "reason_key" text not null, "amount_minor" numeric not null, "stripe_credit_note_id" text null, "raw_amount_minor" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "credit_note_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_credit_note_reason_key_unique" ON "credit_note" ("reason_key") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_credit_note_deleted_at" ON "credit_note" ("deleted_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "invoice" ("id" text not null, "order_id" text not null, "company_id" text not null, "contract_id" text null, "payment_session_id" text null, "currency_code" text not null, "payment_terms" text not null, "days_until_due" integer not null, "total_minor" numeric not null, "amount_due_minor" numeric not null, "amount_paid_minor" numeric not null default 0, "credited_minor" numeric not null default 0, "status" text check ("status" in ('pending', 'draft', 'open', 'paid', 'uncollectible', 'void')) not null default 'pending', "progress" text not null default 'none', "stripe_customer_id" text null, "stripe_invoice_id" text null, "number" text null, "hosted_invoice_url" text null, "due_at" timestamptz null, "overdue_at" timestamptz null, "paid_at" timestamptz null, "voided_at" timestamptz null, "last_payment_failure" text null, "last_error" text null, "attempts" integer not null default 0, "raw_total_minor" jsonb not null, "raw_amount_due_minor" jsonb not null, "raw_amount_paid_minor" jsonb not null default '{"value":"0","precision":20}', "raw_credited_minor" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "invoice_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_invoice_order_id_unique" ON "invoice" ("order_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_invoice_deleted_at" ON "invoice" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_invoice_company_id_status" ON "invoice" ("company_id", "status") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_invoice_stripe_invoice_id" ON "invoice" ("stripe_invoice_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_invoice_status_due_at" ON "invoice" ("status", "due_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "stripe_event" ("id" text not null, "event_id" text not null, "type" text not null, "invoice_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "stripe_event_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_stripe_event_event_id_unique" ON "stripe_event" ("event_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_stripe_event_deleted_at" ON "stripe_event" ("deleted_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    // Rolling back deletes every invoice, credit note and recorded Stripe event (the
    // invoices stay in Stripe). Back up first.
    this.addSql(`drop table if exists "credit_note" cascade;`)

    this.addSql(`drop table if exists "invoice" cascade;`)

    this.addSql(`drop table if exists "stripe_event" cascade;`)
  }
}
