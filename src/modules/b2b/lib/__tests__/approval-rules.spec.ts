import { mayDecideLevel, requiredApprovalLevels, type ApprovalFacts, type ApprovalRuleRecord } from "../approval-rules"

const facts = (over: Partial<ApprovalFacts> = {}): ApprovalFacts => ({
  currency_code: "usd",
  total_minor: 30_000n,
  role: "buyer",
  over_spending_limit: false,
  over_credit_limit: false,
  ...over,
})
const rule = (over: Partial<ApprovalRuleRecord> & Pick<ApprovalRuleRecord, "condition">): ApprovalRuleRecord => ({
  id: `aprl_${over.condition}`,
  approver: "approver",
  ...over,
})
const approvers = (rules: ApprovalRuleRecord[], f: ApprovalFacts) =>
  requiredApprovalLevels(rules, f).map((l) => l.approver)

describe("requiredApprovalLevels", () => {
  const aboveFiveHundred = rule({
    condition: "order_total_above",
    currency_code: "usd",
    amount_minor: "50000",
    second_level_above_minor: 100_000,
    second_level_approver: "company_admin",
  })

  it("asks nobody when no rule applies, and only rules in the order's currency count amounts", () => {
    expect(approvers([aboveFiveHundred], facts())).toEqual([])
    expect(approvers([aboveFiveHundred], facts({ total_minor: 60_000n, currency_code: "eur" }))).toEqual([])
    expect(approvers([aboveFiveHundred], facts({ total_minor: 50_000n }))).toEqual([]) // "above" is strict
  })

  it("adds the second level only above its own amount", () => {
    expect(approvers([aboveFiveHundred], facts({ total_minor: 50_001n }))).toEqual(["approver"])
    expect(approvers([aboveFiveHundred], facts({ total_minor: 100_001n }))).toEqual(["approver", "company_admin"])
  })

  it("merges the levels of several rules, in approver → company admin → merchant order, with every reason", () => {
    const rules = [
      rule({ condition: "over_credit_limit", approver: "company_admin" }),
      rule({ condition: "over_spending_limit", approver: "company_admin" }),
      rule({ condition: "role", role: "buyer", approver: "approver" }),
    ]
    const levels = requiredApprovalLevels(rules, facts({ over_spending_limit: true, over_credit_limit: true }))
    // Credit is the merchant's whatever the rule says: only the merchant lends.
    expect(levels.map((l) => l.approver)).toEqual(["approver", "company_admin", "merchant"])
    expect(levels[1].reasons).toEqual([expect.stringContaining("spending limit")])
    expect(approvers(rules, facts({ role: "approver" }))).toEqual([])
  })
})

describe("mayDecideLevel", () => {
  const request = { company_id: "comp_child", customer_id: "cus_buyer" }
  const employee = (role: "admin" | "approver" | "buyer", company_id: string, ancestor_admin_of: string[] = []) => ({
    type: "employee" as const,
    customer_id: `cus_${role}_${company_id}`,
    role,
    company_id,
    ancestor_admin_of,
  })

  it("lets the company's approvers and admins decide the approver level, and only admins the admin level", () => {
    expect(mayDecideLevel(employee("approver", "comp_child"), "approver", request)).toBeNull()
    expect(mayDecideLevel(employee("admin", "comp_child"), "approver", request)).toBeNull()
    expect(mayDecideLevel(employee("approver", "comp_child"), "company_admin", request)).toMatch(/admins/)
    expect(mayDecideLevel(employee("buyer", "comp_child"), "approver", request)).not.toBeNull()
  })

  it("lets a parent company's admins decide, not its approvers; another company's admins never", () => {
    expect(mayDecideLevel(employee("admin", "comp_parent", ["comp_child"]), "company_admin", request)).toBeNull()
    expect(mayDecideLevel(employee("approver", "comp_parent"), "approver", request)).not.toBeNull()
    expect(mayDecideLevel(employee("admin", "comp_other"), "company_admin", request)).not.toBeNull()
  })

  it("keeps the merchant level for staff and never lets buyers approve their own request", () => {
    expect(mayDecideLevel(employee("admin", "comp_child"), "merchant", request)).toMatch(/merchant/)
    expect(mayDecideLevel({ type: "user", user_id: "user_1" }, "merchant", request)).toBeNull()
    const self = { ...employee("admin", "comp_child"), customer_id: "cus_buyer" }
    expect(mayDecideLevel(self, "company_admin", request)).toMatch(/your own/)
  })
})
