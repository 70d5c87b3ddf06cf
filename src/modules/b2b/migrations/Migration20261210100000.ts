import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Approval rules per company, approval requests per cart, and how long a request waits. */
export class Migration20261210100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "company" add column if not exists "approval_ttl_hours" integer not null default 72;`
    )
    this.addSql(
      `create table if not exists "approval_rule" ("id" text not null, "company_id" text not null, "condition" text check ("condition" in ('order_total_above', 'over_spending_limit', 'role', 'over_credit_limit')) not null, "currency_code" text null, "amount_minor" numeric null, "role" text check ("role" in ('admin', 'approver', 'buyer', 'finance', 'viewer')) null, "approver" text check ("approver" in ('approver', 'company_admin', 'merchant')) not null, "second_level_above_minor" numeric null, "second_level_approver" text check ("second_level_approver" in ('approver', 'company_admin', 'merchant')) null, "created_by" text check ("created_by" in ('company', 'merchant')) not null default 'company', "raw_amount_minor" jsonb null, "raw_second_level_above_minor" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "approval_rule_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_approval_rule_deleted_at" ON "approval_rule" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_approval_rule_company_id" ON "approval_rule" ("company_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `create table if not exists "approval_request" ("id" text not null, "company_id" text not null, "cart_id" text not null, "customer_id" text not null, "employee_id" text not null, "currency_code" text not null, "total_minor" numeric not null, "cart_fingerprint" text not null, "status" text check ("status" in ('pending', 'approved', 'rejected', 'expired', 'canceled')) not null default 'pending', "levels" jsonb not null, "current_level" integer not null default 0, "decisions" jsonb not null, "credit_override" boolean not null default false, "expires_at" timestamptz not null, "decided_at" timestamptz null, "order_id" text null, "raw_total_minor" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "approval_request_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_approval_request_deleted_at" ON "approval_request" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_approval_request_cart_id_unique" ON "approval_request" ("cart_id") WHERE status = 'pending' AND deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_approval_request_company_id_status" ON "approval_request" ("company_id", "status") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_approval_request_expires_at" ON "approval_request" ("expires_at") WHERE status = 'pending' AND deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    // Rolling back deletes approval rules and requests (pending ones included) and the
    // companies' approval TTL: an older release has no approvals, carts check out directly.
    this.addSql(`drop table if exists "approval_request" cascade;`)
    this.addSql(`drop table if exists "approval_rule" cascade;`)
    this.addSql(`alter table if exists "company" drop column if exists "approval_ttl_hours";`)
  }
}
