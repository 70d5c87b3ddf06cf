import { ContractValidator } from "../../../../integration-tests/helpers/contract/validator"
import { publishedDocument } from "../published"
import { OPERATIONS } from "../operations"

/** The contract tests' checker itself: what it lets through and what it reports. */
describe("the contract validator", () => {
  const validator = new ContractValidator(publishedDocument("staff"), OPERATIONS)
  const endpoint = {
    id: "we_1",
    partner_id: "ptn_1",
    url: "https://partner.example/hooks",
    description: null,
    event_types: ["order.placed"],
    headers: {},
    retry_schedule_ms: null,
    max_concurrency: null,
    rate_limit_per_second: null,
    enabled: true,
    disabled_at: null,
    disabled_reason: null,
    failing_since: null,
    previous_secrets_expire_at: [],
    created_at: "2026-12-07T14:00:00.000Z",
    updated_at: "2026-12-07T14:00:00.000Z",
  }
  const check = (status: number, body: unknown, path = "/partners/endpoints/we_1", type = "application/json") =>
    validator.check("GET", path, status, `${type}; charset=utf-8`, body)

  it("passes an answer as documented", () => {
    expect(check(200, { endpoint })).toBeUndefined()
  })

  it("reports a field the document does not have, one it requires that is missing, and a wrong type", () => {
    expect(check(200, { endpoint: { ...endpoint, secret: "whsec_x" } })?.problem).toMatch(/additional/)
    const { enabled: _enabled, ...withoutEnabled } = endpoint
    expect(check(200, { endpoint: withoutEnabled })?.problem).toMatch(/enabled/)
    expect(check(200, { endpoint: { ...endpoint, created_at: "yesterday" } })?.problem).toMatch(/created_at/)
  })

  it("reports a status the operation does not document, and holds errors to the error shape", () => {
    expect(check(500, { type: "unknown_error", message: "x" })?.problem).toMatch(/status 500 is not documented/)
    expect(check(404, { type: "not_found", message: "id: not found" })).toBeUndefined()
    expect(check(404, { error: "not_found" })?.problem).toMatch(/does not match/)
  })

  it("prefers a static segment to a parameter, and leaves Medusa's own routes alone", () => {
    expect(validator.check("GET", "/admin/products", 200, "application/json", { anything: 1 })).toBeUndefined()
    expect(check(200, "not json", "/partners/endpoints/we_1", "text/html")?.problem).toMatch(/content-type text\/html/)
  })
})
