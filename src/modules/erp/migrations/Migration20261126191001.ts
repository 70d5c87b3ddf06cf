import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261126191001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "erp_signing_key" drop constraint if exists "erp_signing_key_kid_unique";`)
    this.addSql(
      `alter table if exists "erp_shipment" drop constraint if exists "erp_shipment_source_type_source_id_erp_id_unique";`
    )
    this.addSql(`alter table if exists "erp_pull_client" drop constraint if exists "erp_pull_client_client_id_unique";`)
    this.addSql(
      `alter table if exists "erp_order_link" drop constraint if exists "erp_order_link_order_id_pull_client_id_unique";`
    )
    this.addSql(
      `alter table if exists "erp_order_link" drop constraint if exists "erp_order_link_order_id_connection_id_unique";`
    )
    this.addSql(`alter table if exists "erp_order_feed" drop constraint if exists "erp_order_feed_order_id_unique";`)
    this.addSql(
      `create table if not exists "erp_connection" ("id" text not null, "name" text not null, "kind" text check ("kind" in ('netsuite', 'business-central', 'generic')) not null, "settings" jsonb not null, "credentials_encrypted" text null, "enabled" boolean not null default true, "concurrency" integer not null default 10, "max_attempts" integer not null default 12, "retry_base_ms" integer not null default 5000, "shipments_synced_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "erp_connection_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_erp_connection_deleted_at" ON "erp_connection" ("deleted_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "erp_order_feed" ("id" text not null, "order_id" text not null, "sales_channel_id" text null, "company_id" text null, "version" integer not null, "document" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "erp_order_feed_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_erp_order_feed_order_id_unique" ON "erp_order_feed" ("order_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_erp_order_feed_deleted_at" ON "erp_order_feed" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_erp_order_feed_updated_at_order_id" ON "erp_order_feed" ("updated_at", "order_id") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "erp_order_link" ("id" text not null, "order_id" text not null, "connection_id" text null, "pull_client_id" text null, "erp_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "erp_order_link_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_erp_order_link_deleted_at" ON "erp_order_link" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_erp_order_link_order_id_connection_id_unique" ON "erp_order_link" ("order_id", "connection_id") WHERE connection_id IS NOT NULL AND deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_erp_order_link_order_id_pull_client_id_unique" ON "erp_order_link" ("order_id", "pull_client_id") WHERE pull_client_id IS NOT NULL AND deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "erp_pull_client" ("id" text not null, "name" text not null, "client_id" text not null, "client_secret_hash" text not null, "scopes" text[] not null, "sales_channel_ids" text[] not null, "company_ids" text[] not null, "revoked_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "erp_pull_client_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_erp_pull_client_client_id_unique" ON "erp_pull_client" ("client_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_erp_pull_client_deleted_at" ON "erp_pull_client" ("deleted_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "erp_shipment" ("id" text not null, "source_type" text check ("source_type" in ('connection', 'pull_client')) not null, "source_id" text not null, "erp_id" text not null, "order_id" text not null, "fulfillment_id" text not null, "tracking_numbers" text[] not null, "carrier" text null, "shipped_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "erp_shipment_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_erp_shipment_deleted_at" ON "erp_shipment" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_erp_shipment_source_type_source_id_erp_id_unique" ON "erp_shipment" ("source_type", "source_id", "erp_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_erp_shipment_order_id" ON "erp_shipment" ("order_id") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "erp_signing_key" ("id" text not null, "kid" text not null, "public_jwk" jsonb not null, "private_jwk_encrypted" text not null, "retired_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "erp_signing_key_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_erp_signing_key_kid_unique" ON "erp_signing_key" ("kid") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_erp_signing_key_deleted_at" ON "erp_signing_key" ("deleted_at") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    // Rolling back deletes the ERP module's data: connections (and their sealed credentials),
    // the order feed, order links, pull clients, shipments and signing keys. Back up first.
    this.addSql(`drop table if exists "erp_connection" cascade;`)

    this.addSql(`drop table if exists "erp_order_feed" cascade;`)

    this.addSql(`drop table if exists "erp_order_link" cascade;`)

    this.addSql(`drop table if exists "erp_pull_client" cascade;`)

    this.addSql(`drop table if exists "erp_shipment" cascade;`)

    this.addSql(`drop table if exists "erp_signing_key" cascade;`)
  }
}
