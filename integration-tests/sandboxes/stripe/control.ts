import type { IncomingMessage, ServerResponse } from "node:http"
import { formatMajor } from "./currency-rules"
import { ApiError } from "./errors"
import type { FaultMode } from "./faults"
import type { StripeSandbox } from "./sandbox"

/**
 * `/_sandbox/...`: drive the sandbox from another process (the demo), plus the
 * hosted invoice page and PDF links that finalized invoices point to.
 *   GET  /_sandbox/state                       customers, invoices, credit notes, events, requests
 *   POST /_sandbox/invoices/:id/pay            buyer pays (invoice.paid)
 *   POST /_sandbox/events                      {type, object} → emit
 *   POST /_sandbox/events/:id/resend           same event id again
 *   POST /_sandbox/events/deliver              {ids: [...]} in that order
 *   POST /_sandbox/events/flush                deliver pending / wait for in-flight
 *   POST /_sandbox/webhook_url                 {url}
 *   POST /_sandbox/fail_next                   {mode, count?, when?, delayMs?, method?, path? (regex source)}
 *   POST /_sandbox/clock/advance               {seconds} → {now}: Stripe's clock (prunes idempotency keys ≥ 24 h old)
 *   GET  /_sandbox/hosted/:id                  minimal hosted invoice page (form POSTs .../pay)
 *   GET  /_sandbox/invoices/:id/pdf, /_sandbox/credit_notes/:id/pdf
 */
export function handleControl(
  sbx: StripeSandbox,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: string
): void {
  const method = (req.method ?? "GET").toUpperCase()
  const path = url.pathname.replace(/^\/_sandbox/, "")
  Promise.resolve()
    .then(() => dispatch(sbx, method, path, body))
    .then(
      (reply) => {
        if (reply === undefined)
          return json(res, 404, {
            error: { type: "invalid_request_error", message: `Unknown sandbox control ${method} ${url.pathname}` },
          })
        if (typeof reply === "object" && reply !== null && "html" in reply) {
          res.writeHead(reply.status ?? 200, {
            "content-type": "text/html; charset=utf-8",
            ...(reply.location ? { location: reply.location } : {}),
          })
          return res.end(reply.html)
        }
        if (typeof reply === "object" && reply !== null && "pdf" in reply) {
          res.writeHead(200, { "content-type": "application/pdf" })
          return res.end(reply.pdf)
        }
        json(res, 200, reply)
      },
      (err: unknown) => {
        if (err instanceof ApiError) return json(res, err.status, err.toBody())
        json(res, 400, {
          error: { type: "invalid_request_error", message: err instanceof Error ? err.message : String(err) },
        })
      }
    )
}

type Reply = object | { html: string; status?: number; location?: string } | { pdf: string } | undefined

async function dispatch(sbx: StripeSandbox, method: string, path: string, body: string): Promise<Reply> {
  const input = parseJson(body)
  let m: RegExpExecArray | null
  if (method === "GET" && path === "/state") {
    return {
      customers: sbx.customers(),
      invoices: sbx.invoices(),
      creditNotes: sbx.creditNotes(),
      events: sbx.events(),
      requests: sbx.requests(),
    }
  }
  if (method === "POST" && (m = /^\/invoices\/([^/]+)\/pay$/.exec(path))) return sbx.payInvoice(m[1])
  if (method === "POST" && path === "/events") return sbx.emit(String(input.type), (input.object ?? {}) as object)
  if (method === "POST" && path === "/events/deliver") return sbx.deliver((input.ids ?? []) as string[])
  if (method === "POST" && path === "/events/flush") return sbx.flushEvents().then(() => ({ ok: true }))
  if (method === "POST" && (m = /^\/events\/([^/]+)\/resend$/.exec(path))) return sbx.resendEvent(m[1])
  if (method === "POST" && path === "/webhook_url") {
    sbx.setWebhookUrl(typeof input.url === "string" ? input.url : undefined)
    return { ok: true }
  }
  if (method === "POST" && path === "/fail_next") {
    sbx.failNext({
      mode: input.mode as FaultMode,
      count: typeof input.count === "number" ? input.count : undefined,
      when: input.when === "after" || input.when === "during" ? input.when : "before",
      delayMs: typeof input.delayMs === "number" ? input.delayMs : undefined,
      method: typeof input.method === "string" ? input.method : undefined,
      path: typeof input.path === "string" ? new RegExp(input.path) : undefined,
    })
    return { ok: true }
  }
  if (method === "POST" && path === "/clock/advance") return { now: sbx.advanceClock(Number(input.seconds)) }
  if (method === "GET" && (m = /^\/hosted\/([^/]+)$/.exec(path))) return hostedPage(sbx, m[1])
  if (method === "POST" && (m = /^\/hosted\/([^/]+)\/pay$/.exec(path))) {
    sbx.payInvoice(m[1])
    return { html: "", status: 303, location: `/_sandbox/hosted/${m[1]}` }
  }
  if (method === "GET" && (m = /^\/(invoices|credit_notes)\/([^/]+)\/pdf$/.exec(path))) {
    return { pdf: `%PDF-1.4\n% Stripe sandbox placeholder document for ${m[2]}\n%%EOF\n` }
  }
  return undefined
}

function hostedPage(sbx: StripeSandbox, id: string): Reply {
  const inv = sbx.invoices().find((i) => i.id === id)
  if (!inv) return { html: "<h1>No such invoice</h1>", status: 404 }
  const esc = (text: string | null) => String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  // In the currency's own decimals (¥1235, 12.340 KWD), not always /100.
  const money = (minor: number) => formatMajor(minor, inv.currency)
  const payButton =
    inv.status === "open"
      ? `<form method="post" action="/_sandbox/hosted/${esc(id)}/pay"><button>Pay ${money(inv.amount_remaining)}</button></form>`
      : ""
  return {
    html: `<!doctype html><title>Invoice ${esc(inv.number)}</title><h1>Invoice ${esc(inv.number)} — ${inv.status}</h1>
<p>Amount due: ${money(inv.amount_due)}; remaining: ${money(inv.amount_remaining)}</p>${payButton}`,
  }
}

function parseJson(body: string): Record<string, unknown> {
  if (!body) return {}
  try {
    const v: unknown = JSON.parse(body)
    return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" })
  res.end(JSON.stringify(body))
}
