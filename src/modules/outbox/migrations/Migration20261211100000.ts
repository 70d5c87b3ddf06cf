import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Partner grants (lib/partner-grants.ts): which sales channels and companies
 * a partner's endpoints receive business events about. Partners created from
 * now on start with none; partners that existed before keep receiving
 * everything ("*"), as they did, until staff narrow them.
 */
export class Migration20261211100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "partner" add column if not exists "grant_sales_channel_ids" text[] not null default '{}';`
    )
    this.addSql(
      `alter table if exists "partner" add column if not exists "grant_company_ids" text[] not null default '{}';`
    )
    this.addSql(`update "partner" set "grant_sales_channel_ids" = '{*}' where "deleted_at" is null;`)
  }

  override async down(): Promise<void> {
    // Rolling back deletes partner grants: an older release sends every partner every
    // event, as before grants existed, and migrating up again grants every live partner "*".
    this.addSql(`alter table if exists "partner" drop column if exists "grant_sales_channel_ids";`)
    this.addSql(`alter table if exists "partner" drop column if exists "grant_company_ids";`)
  }
}
