import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Employee roles gain `approver` and `finance` (src/modules/b2b/lib/roles.ts). */
export class Migration20261209100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "employee" drop constraint if exists "employee_role_check";`)
    this.addSql(
      `alter table if exists "employee" add constraint "employee_role_check" check ("role" in ('admin', 'approver', 'buyer', 'finance', 'viewer'));`
    )
  }

  override async down(): Promise<void> {
    // Rolling back demotes the roles an older release does not know: an approver becomes a
    // buyer, finance becomes a viewer. Migrating up again does not restore them.
    this.addSql(`update "employee" set "role" = 'buyer' where "role" = 'approver';`)
    this.addSql(`update "employee" set "role" = 'viewer' where "role" = 'finance';`)
    this.addSql(`alter table if exists "employee" drop constraint if exists "employee_role_check";`)
    this.addSql(
      `alter table if exists "employee" add constraint "employee_role_check" check ("role" in ('admin', 'buyer', 'viewer'));`
    )
  }
}
