import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { Context } from "@medusajs/framework/types"
import { InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { Quote } from "./models/quote"
import { QuoteMessage } from "./models/quote-message"
import { QuoteVersion } from "./models/quote-version"
import type { QuoteStatus } from "./lib/quote-vocabulary"

/** Columns a guarded transition may set. */
export type QuotePatch = Partial<{
  status: QuoteStatus
  latest_version: number
  sent_version: number | null
  sent_at: Date | string | null
  expires_at: Date | string | null
  accepted_version: number | null
  cart_id: string | null
  approval_request_id: string | null
  order_id: string | null
  closed_at: Date | string | null
}>

/** What must still hold for a transition to apply. */
export type QuoteGuard = {
  id: string
  status: readonly QuoteStatus[]
  latest_version?: number
  sent_version?: number
  /** Only while the sent version has not expired at this instant. */
  unexpired_at?: Date | string
  /** Only once the sent version has expired by this instant (the expiry job). */
  expired_by?: Date | string
  cart_id?: string
  order_id?: null
}

class QuoteModuleService extends MedusaService({ Quote, QuoteVersion, QuoteMessage }) {
  /**
   * Applies `patch` in one conditional UPDATE when every guard holds, and
   * returns the row after it, or null when it did not apply (the caller
   * answers 409). Racing transitions on one quote (accept vs revise, two
   * accepts, expiry vs accept) cannot both win.
   */
  @InjectManager()
  async transitionQuote(
    guard: QuoteGuard,
    patch: QuotePatch,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<Record<string, unknown> | null> {
    const knex = sharedContext.manager!.getKnex()
    const query = knex("quote")
      .where({ id: guard.id })
      .whereIn("status", [...guard.status])
      .whereNull("deleted_at")
    if (guard.latest_version !== undefined) query.andWhere({ latest_version: guard.latest_version })
    if (guard.sent_version !== undefined) query.andWhere({ sent_version: guard.sent_version })
    if (guard.cart_id !== undefined) query.andWhere({ cart_id: guard.cart_id })
    if (guard.order_id === null) query.whereNull("order_id")
    if (guard.unexpired_at) {
      const at = new Date(guard.unexpired_at)
      query.andWhere((q) => q.whereNull("expires_at").orWhere("expires_at", ">", at))
    }
    if (guard.expired_by) query.andWhere("expires_at", "<=", guard.expired_by)
    const rows = await query.update({ ...patch, updated_at: new Date() }).returning("*")
    return (rows[0] as Record<string, unknown> | undefined) ?? null
  }

  /** Stamps a version as sent, once (a version's content is never changed). */
  @InjectManager()
  async stampVersionSent(
    input: { quote_id: string; number: number; at: Date },
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<boolean> {
    const knex = sharedContext.manager!.getKnex()
    const updated = await knex("quote_version")
      .where({ quote_id: input.quote_id, number: input.number })
      .whereNull("sent_at")
      .whereNull("deleted_at")
      .update({ sent_at: input.at, updated_at: input.at })
    return updated > 0
  }

  /** Compensation of stampVersionSent. */
  @InjectManager()
  async unstampVersionSent(
    input: { quote_id: string; number: number; at: Date },
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<void> {
    const knex = sharedContext.manager!.getKnex()
    await knex("quote_version")
      .where({ quote_id: input.quote_id, number: input.number, sent_at: input.at })
      .update({ sent_at: null })
  }

  /** Quotes whose sent version ran out by `now` (the expiry job closes them). */
  @InjectManager()
  async listExpiredQuoteIds(
    now: Date,
    limit: number,
    @MedusaContext() sharedContext: Context<SqlEntityManager> = {}
  ): Promise<string[]> {
    const knex = sharedContext.manager!.getKnex()
    const rows = await knex("quote")
      .select("id")
      .where({ status: "quoted" })
      .whereNull("deleted_at")
      .andWhere("expires_at", "<=", now)
      .orderBy("expires_at")
      .limit(limit)
    return rows.map((r: { id: string }) => r.id)
  }
}

export default QuoteModuleService
