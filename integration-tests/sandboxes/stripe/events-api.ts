import type { Handler } from "./context"
import { noSuch } from "./errors"
import { createdFilter } from "./invoices"
import { paginate } from "./list"

/** GET /v1/events — lets a consumer re-fetch state when webhook order matters. */
export const listEvents: Handler = (ctx, params) => {
  const type = params.string("type")
  const types = Array.isArray(params.data.types)
    ? params.data.types.filter((t): t is string => typeof t === "string")
    : undefined
  const created = createdFilter(params)
  const matches = (t: string) =>
    (type === undefined || (type.endsWith(".*") ? t.startsWith(type.slice(0, -1)) : t === type)) &&
    (types === undefined || types.includes(t))
  const newestFirst = ctx
    .events()
    .slice()
    .reverse()
    .filter((e) => matches(e.type) && created(e.created))
  return paginate(newestFirst, params, "/v1/events", "event")
}

export const retrieveEvent: Handler = (ctx, _params, [id]) => {
  const event = ctx.events().find((e) => e.id === id)
  if (!event) throw noSuch("event", id)
  return event
}
