import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261126190440 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "partner" drop constraint if exists "partner_client_id_unique";`)
    this.addSql(
      `alter table if exists "hub_event" drop constraint if exists "hub_event_resource_type_resource_id_sequence_unique";`
    )
    this.addSql(`alter table if exists "hub_event" drop constraint if exists "hub_event_dedupe_key_unique";`)
    this.addSql(
      `alter table if exists "delivery_attempt" drop constraint if exists "delivery_attempt_delivery_id_attempt_unique";`
    )
    this.addSql(
      `alter table if exists "delivery" drop constraint if exists "delivery_event_id_target_type_target_id_unique";`
    )
    this.addSql(
      `create table if not exists "delivery" ("id" text not null, "event_id" text not null, "target_type" text check ("target_type" in ('webhook_endpoint', 'erp_connection')) not null, "target_id" text not null, "status" text check ("status" in ('pending', 'delivered', 'failed', 'canceled')) not null default 'pending', "attempts" integer not null default 0, "next_attempt_at" timestamptz null, "lease_until" timestamptz null, "claim_token" text null, "failure_reason" text null, "last_status_code" integer null, "last_error" text null, "result_ref" text null, "completed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "delivery_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_delivery_deleted_at" ON "delivery" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_delivery_event_id_target_type_target_id_unique" ON "delivery" ("event_id", "target_type", "target_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_delivery_status_next_attempt_at" ON "delivery" ("status", "next_attempt_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_delivery_target_type_target_id_status" ON "delivery" ("target_type", "target_id", "status") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "delivery_attempt" ("id" text not null, "delivery_id" text not null, "attempt" integer not null, "outcome" text not null, "status_code" integer null, "duration_ms" integer not null, "response_body" text null, "error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "delivery_attempt_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_delivery_attempt_deleted_at" ON "delivery_attempt" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_delivery_attempt_delivery_id_attempt_unique" ON "delivery_attempt" ("delivery_id", "attempt") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "hub_event" ("id" text not null, "type" text not null, "resource_type" text not null, "resource_id" text not null, "sequence" integer not null, "dedupe_key" text not null, "payload" jsonb not null, "occurred_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "hub_event_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_hub_event_dedupe_key_unique" ON "hub_event" ("dedupe_key") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_hub_event_deleted_at" ON "hub_event" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_hub_event_resource_type_resource_id_sequence_unique" ON "hub_event" ("resource_type", "resource_id", "sequence") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_hub_event_type_occurred_at" ON "hub_event" ("type", "occurred_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "partner" ("id" text not null, "name" text not null, "client_id" text not null, "client_secret_hash" text not null, "revoked_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "partner_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_partner_client_id_unique" ON "partner" ("client_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_partner_deleted_at" ON "partner" ("deleted_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "webhook_endpoint" ("id" text not null, "partner_id" text not null, "url" text not null, "description" text null, "event_types" text[] not null, "secrets" jsonb not null, "schedule_ms" jsonb null, "max_concurrency" integer null, "rate_limit_per_second" integer null, "headers" jsonb null, "disabled_at" timestamptz null, "disabled_reason" text null, "failing_since" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "webhook_endpoint_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_webhook_endpoint_deleted_at" ON "webhook_endpoint" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_webhook_endpoint_partner_id" ON "webhook_endpoint" ("partner_id") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    // Rolling back deletes the outbox: events, deliveries and their attempts, partners and
    // their webhook endpoints (with their signing secrets). Back up first.
    this.addSql(`drop table if exists "delivery" cascade;`)

    this.addSql(`drop table if exists "delivery_attempt" cascade;`)

    this.addSql(`drop table if exists "hub_event" cascade;`)

    this.addSql(`drop table if exists "partner" cascade;`)

    this.addSql(`drop table if exists "webhook_endpoint" cascade;`)
  }
}
