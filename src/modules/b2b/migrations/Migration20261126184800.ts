import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261126184800 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "employee" drop constraint if exists "employee_customer_id_unique";`)
    this.addSql(
      `create table if not exists "company" ("id" text not null, "name" text not null, "billing_email" text not null, "billing_address" jsonb null, "tax_ids" jsonb null, "currency_code" text not null, "parent_company_id" text null, "stripe_customer_id" text null, "erp_account_number" text null, "po_required" boolean not null default false, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "company_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_company_deleted_at" ON "company" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_company_parent_company_id" ON "company" ("parent_company_id") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "contract" ("id" text not null, "reference" text null, "currency_code" text not null, "valid_from" timestamptz not null, "valid_to" timestamptz null, "payment_terms" text check ("payment_terms" in ('due_on_receipt', 'net_7', 'net_15', 'net_30', 'net_45', 'net_60', 'net_90')) not null default 'net_30', "credit_limit_minor" numeric not null default 0, "status" text check ("status" in ('active', 'terminated')) not null default 'active', "company_id" text not null, "raw_credit_limit_minor" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "contract_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_contract_company_id" ON "contract" ("company_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_contract_deleted_at" ON "contract" ("deleted_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "contract_price_rule" ("id" text not null, "type" text check ("type" in ('fixed_price', 'tiered_price', 'discount', 'quantity_constraint')) not null, "variant_id" text null, "sku" text null, "scope" text check ("scope" in ('product', 'category', 'collection', 'catalogue')) null, "scope_id" text null, "unit_price_minor" numeric null, "tier_mode" text check ("tier_mode" in ('volume', 'graduated')) null, "tiers" jsonb null, "discount_kind" text check ("discount_kind" in ('percentage', 'fixed_amount')) null, "discount_value" text null, "min_quantity" integer null, "increment" integer null, "contract_id" text not null, "raw_unit_price_minor" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "contract_price_rule_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_contract_price_rule_contract_id" ON "contract_price_rule" ("contract_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_contract_price_rule_deleted_at" ON "contract_price_rule" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_contract_price_rule_variant_id" ON "contract_price_rule" ("variant_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_contract_price_rule_sku" ON "contract_price_rule" ("sku") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `create table if not exists "employee" ("id" text not null, "customer_id" text not null, "role" text check ("role" in ('admin', 'buyer', 'viewer')) not null default 'buyer', "spending_limit_minor" numeric null, "company_id" text not null, "raw_spending_limit_minor" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "employee_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_employee_customer_id_unique" ON "employee" ("customer_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_employee_company_id" ON "employee" ("company_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_employee_deleted_at" ON "employee" ("deleted_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `alter table if exists "contract" add constraint "contract_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade;`
    )

    this.addSql(
      `alter table if exists "contract_price_rule" add constraint "contract_price_rule_contract_id_foreign" foreign key ("contract_id") references "contract" ("id") on update cascade on delete cascade;`
    )

    this.addSql(
      `alter table if exists "employee" add constraint "employee_company_id_foreign" foreign key ("company_id") references "company" ("id") on update cascade;`
    )
  }

  override async down(): Promise<void> {
    // Rolling back deletes every company, contract, price rule and employee: the
    // module goes away with its data (back up first; re-running up() recreates empty tables).
    this.addSql(`alter table if exists "contract" drop constraint if exists "contract_company_id_foreign";`)

    this.addSql(`alter table if exists "employee" drop constraint if exists "employee_company_id_foreign";`)

    this.addSql(
      `alter table if exists "contract_price_rule" drop constraint if exists "contract_price_rule_contract_id_foreign";`
    )

    this.addSql(`drop table if exists "company" cascade;`)

    this.addSql(`drop table if exists "contract" cascade;`)

    this.addSql(`drop table if exists "contract_price_rule" cascade;`)

    this.addSql(`drop table if exists "employee" cascade;`)
  }
}
