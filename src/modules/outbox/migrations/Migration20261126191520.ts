import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261126191520 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "partner_signing_key" drop constraint if exists "partner_signing_key_kid_unique";`
    )
    this.addSql(
      `create table if not exists "partner_signing_key" ("id" text not null, "kid" text not null, "public_jwk" jsonb not null, "private_jwk_encrypted" text not null, "retired_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "partner_signing_key_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_partner_signing_key_kid_unique" ON "partner_signing_key" ("kid") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_partner_signing_key_deleted_at" ON "partner_signing_key" ("deleted_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(`alter table if exists "delivery" add column if not exists "schedule_base" integer not null default 0;`)
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_delivery_target_type_target_id_created_at" ON "delivery" ("target_type", "target_id", "created_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(`alter table if exists "partner" add column if not exists "scopes" text[] null;`)
  }

  override async down(): Promise<void> {
    // Rolling back deletes the partners' signing keys and scopes and deliveries' schedule positions.
    this.addSql(`drop table if exists "partner_signing_key" cascade;`)

    this.addSql(`drop index if exists "IDX_delivery_target_type_target_id_created_at";`)
    this.addSql(`alter table if exists "delivery" drop column if exists "schedule_base";`)

    this.addSql(`alter table if exists "partner" drop column if exists "scopes";`)
  }
}
