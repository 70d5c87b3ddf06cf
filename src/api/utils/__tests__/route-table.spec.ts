import { BackyRoute, RouteTable, splitPath, underBackyPrefix } from "../route-table"

const route = (pattern: string, methods: string[]): BackyRoute => ({
  pattern,
  segments: pattern.split("/").slice(1),
  methods,
  underPrefix: underBackyPrefix(pattern),
})

const table = new RouteTable([
  route("/admin/invoices", ["GET"]),
  route("/admin/invoices/drift", ["GET"]),
  route("/admin/invoices/:id", ["GET"]),
  route("/admin/invoices/:id/retry", ["POST"]),
  route("/admin/contracts/:id/rules/:rule_id", ["POST", "DELETE"]),
])

describe("RouteTable", () => {
  it("matches raw paths like Express: parameters, one trailing slash, any case", () => {
    expect(table.match("/admin/invoices/inv_1")?.methods).toEqual(["GET"])
    expect(table.match("/admin/invoices/")?.routes.map((r) => r.pattern)).toEqual(["/admin/invoices"])
    expect(table.match("/ADMIN/Invoices/inv_1/retry")?.methods).toEqual(["POST"])
    expect(table.match("/admin/invoices/inv_1/nope")).toBeUndefined()
    expect(table.match("/admin//invoices")).toBeUndefined()
  })

  it("merges the methods of a static and a parameter route matching the same path, and names parameters by position", () => {
    const drift = table.match("/admin/invoices/drift")!
    expect(drift.routes.map((r) => r.pattern)).toEqual(["/admin/invoices/drift", "/admin/invoices/:id"])
    const rule = table.match("/admin/contracts/c%ZZ/rules/r1")!
    expect([...rule.paramAt]).toEqual([
      [2, "id"],
      [4, "rule_id"],
    ])
    expect(rule.methods).toEqual(["POST", "DELETE"])
  })

  it("knows backy's prefixes", () => {
    expect(underBackyPrefix("/erp/orders")).toBe(true)
    expect(underBackyPrefix("/erpx")).toBe(false)
    expect(underBackyPrefix("/store/customers")).toBe(false)
    expect(splitPath("/erp/orders/")).toEqual(["erp", "orders"])
  })
})
