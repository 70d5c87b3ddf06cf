import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Hand-written (data, not schema): one vocabulary for `delivery_attempt.outcome`.
 * Webhook attempts always used the shared `DeliveryOutcome` values
 * (webhooks/core/outcome.ts); ERP sync attempts were written as `delivered`,
 * `retryable_error` and `permanent_error`. Only those three values change
 * (webhooks never wrote them). The ERP writer stored the connector's error as
 * `<ERR_ERP_… code>[ (HTTP n)]: message`, so the code and the status say what
 * the attempt was, the same way `attemptOutcomeOf` reads a live error:
 *
 * | old row                                          | new outcome      |
 * |--------------------------------------------------|------------------|
 * | delivered                                        | success          |
 * | error ERR_ERP_TIMEOUT… (timeouts, 408)           | timeout          |
 * | error ERR_ERP_RATE_LIMITED… (429, vendor limits) | rate_limited     |
 * | error ERR_ERP_CIRCUIT_OPEN…                      | circuit_open     |
 * | error ERR_ERP_CONFIG… (bad mapping/settings)     | internal_error   |
 * | status 3xx / 410 / 429 / 5xx / other 4xx         | redirect / gone / rate_limited / server_error / client_error |
 * | retryable_error, ERR_ERP_… code, no status       | network_error    |
 * | anything else (no status, not a network failure) | internal_error   |
 *
 * `down` restores the old values for ERP deliveries: `permanent_error` for a
 * permanent connector error (ERR_ERP_PERMANENT / AUTH / CONFIG) and for the
 * last attempt of a failed delivery (exhausted retries were written so),
 * `retryable_error` for the other failures.
 */
export class Migration20261207090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`update "delivery_attempt" set "outcome" = case
        when "outcome" = 'delivered' then 'success'
        when "error" like 'ERR_ERP_TIMEOUT%' then 'timeout'
        when "error" like 'ERR_ERP_RATE_LIMITED%' then 'rate_limited'
        when "error" like 'ERR_ERP_CIRCUIT_OPEN%' then 'circuit_open'
        when "error" like 'ERR_ERP_CONFIG%' then 'internal_error'
        when "status_code" between 300 and 399 then 'redirect'
        when "status_code" = 410 then 'gone'
        when "status_code" = 429 then 'rate_limited'
        when "status_code" >= 500 then 'server_error'
        when "status_code" < 200 or "status_code" between 400 and 499 then 'client_error'
        when "outcome" = 'retryable_error' and "error" like 'ERR_ERP_%' then 'network_error'
        else 'internal_error'
      end
      where "outcome" in ('delivered', 'retryable_error', 'permanent_error');`)
  }

  override async down(): Promise<void> {
    this.addSql(`update "delivery_attempt" a set "outcome" = case
        when a."outcome" = 'success' then 'delivered'
        when a."error" like 'ERR_ERP_PERMANENT%' or a."error" like 'ERR_ERP_AUTH%' or a."error" like 'ERR_ERP_CONFIG%'
          or (d."status" = 'failed' and a."attempt" = d."attempts") then 'permanent_error'
        else 'retryable_error'
      end
      from "delivery" d
      where d."id" = a."delivery_id" and d."target_type" = 'erp_connection';`)
  }
}
