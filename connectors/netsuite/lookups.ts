/**
 * What the adapter has to ask NetSuite before it can write: a currency's internal id by its ISO
 * code, and an item's own number (`itemid`) by its internal id. Both come from SuiteQL
 * (`POST /services/rest/query/v1/suiteql`, `Prefer: transient`, body `{"q": …}`; Oracle,
 * "Using SuiteQL with SuiteTalk REST Web Services", section_158394344595, and "Executing SuiteQL
 * Queries Through REST Web Services", section_157909186990) and are cached per connection.
 *
 * - Currency: a reference by `refName` would need the currency's *name* ("US Dollar"), which is
 *   the account's to choose; its ISO code is the currency record's `symbol` ("ISO Code" in the UI,
 *   Oracle "Viewing and Editing Currency Records", section_1543618833). So transactions reference
 *   `{ id }`, resolved here by symbol.
 * - Item: a line's `item.refName` is a display string ("Parent : Child", and with the account's
 *   display preferences the display name after the number), not the SKU. The SKU is the item's
 *   `itemid` column, read by internal id.
 *
 * @module
 */
import { ErpConfigError } from "../lib/errors"
import type { HttpClient } from "../lib/http/client"

// SuiteQL pages hold at most 1000 rows (Oracle, "Collection Paging").
const PAGE_SIZE = 1000
// Internal ids are numbers; anything else never reaches a query string.
const INTERNAL_ID = /^\d+$/
// Ids per `IN (…)` list, well under SuiteQL's statement limits.
const IN_LIST_SIZE = 500

export const CURRENCY_QUERY = "SELECT id, symbol FROM currency WHERE isinactive = 'F'"
export const itemNumberQuery = (ids: string[]): string => `SELECT id, itemid FROM item WHERE id IN (${ids.join(", ")})`

interface SuiteQlPage<T> {
  items?: T[]
  hasMore?: boolean
  count?: number
}

export class NetSuiteLookups {
  private currencies?: Promise<Map<string, string>>
  private readonly itemNumberCache = new Map<string, string>()

  constructor(
    private readonly http: HttpClient,
    private readonly suiteQlUrl: string,
    private readonly currencyOverrides: Record<string, string> = {}
  ) {}

  /** The currency's internal id by ISO code; `ErpConfigError` when the account has no such currency. */
  async currencyId(code: string, operation: string): Promise<string> {
    const iso = code.toUpperCase()
    const mapped = this.currencyOverrides[iso]
    if (mapped) return mapped
    // A miss re-reads the list once: a currency added since the first read is found.
    const id =
      (await this.currencyList(operation, false)).get(iso) ?? (await this.currencyList(operation, true)).get(iso)
    if (!id) {
      throw new ErpConfigError(
        `netsuite ${operation}: no active currency with ISO code ${iso} in NetSuite (Lists > Accounting > Currencies); add it, or map the code in settings.currencyIds`
      )
    }
    return id
  }

  /** `itemid` (the item's own number, the SKU) per internal id; ids NetSuite does not return are left out. */
  async itemNumbers(ids: Iterable<string>, operation: string): Promise<Map<string, string>> {
    const wanted = [...new Set([...ids].filter((id) => INTERNAL_ID.test(id)))]
    const missing = wanted.filter((id) => !this.itemNumberCache.has(id))
    for (let i = 0; i < missing.length; i += IN_LIST_SIZE) {
      const rows = await this.query<{ id: string | number; itemid?: string }>(
        itemNumberQuery(missing.slice(i, i + IN_LIST_SIZE)),
        operation
      )
      for (const row of rows) if (typeof row.itemid === "string") this.itemNumberCache.set(String(row.id), row.itemid)
    }
    const found = new Map<string, string>()
    for (const id of wanted) {
      const number = this.itemNumberCache.get(id)
      if (number !== undefined) found.set(id, number)
    }
    return found
  }

  private currencyList(operation: string, refresh: boolean): Promise<Map<string, string>> {
    if (!this.currencies || refresh) {
      const loading = this.query<{ id: string | number; symbol?: string }>(CURRENCY_QUERY, operation).then(
        (rows) =>
          new Map(rows.filter((r) => typeof r.symbol === "string").map((r) => [r.symbol!.toUpperCase(), String(r.id)]))
      )
      this.currencies = loading
      // A failed read is not cached: the next call asks again.
      loading.catch(() => {
        if (this.currencies === loading) this.currencies = undefined
      })
    }
    return this.currencies
  }

  /** Every row of a SuiteQL query, page by page. */
  private async query<T>(q: string, operation: string): Promise<T[]> {
    const rows: T[] = []
    for (let offset = 0; ; ) {
      const { data } = await this.http.request<SuiteQlPage<T>>({
        operation,
        method: "POST",
        url: this.suiteQlUrl,
        params: { limit: PAGE_SIZE, offset },
        headers: { Prefer: "transient" },
        body: { q },
        // A query changes nothing: safe to send again after an ambiguous failure.
        idempotent: true,
      })
      const page = data.items ?? []
      rows.push(...page)
      if (!data.hasMore || page.length === 0) return rows
      offset += page.length
    }
  }
}
