import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Hand-written (DML cannot express either setting):
 * - hub_event.payload is `json`, not `jsonb`: the payload is sent as the
 *   exact text it was written with, so every delivery reads it back verbatim
 *   instead of re-serialising a jsonb value (which cost ~45 µs per delivery
 *   of a 1.7 KB order). Reads still get objects and `->` still works.
 * - hub_event rows up to a page stay inline and uncompressed: an order
 *   payload (~2 KB) otherwise crossed the 2 KB TOAST threshold and was pglz-
 *   compressed on every insert and decompressed on every delivery.
 * - delivery keeps free space in its pages so that a claim (lease_until,
 *   claim_token: no index covers them) is a HOT update that touches no index.
 */
export class Migration20261126195500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "hub_event" alter column "payload" type json using "payload"::json;`)
    this.addSql(`alter table if exists "hub_event" set (toast_tuple_target = 8160);`)
    this.addSql(`alter table if exists "delivery" set (fillfactor = 70);`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "hub_event" alter column "payload" type jsonb using "payload"::jsonb;`)
    this.addSql(`alter table if exists "hub_event" reset (toast_tuple_target);`)
    this.addSql(`alter table if exists "delivery" reset (fillfactor);`)
  }
}
