import { ALL_GRANTS, grantsCover, NO_GRANTS } from "../partner-grants"

const acmeWest = { company_ids: ["comp_west", "comp_acme"], sales_channel_id: "sc_b2b" }
const globex = { company_ids: ["comp_globex"], sales_channel_id: "sc_b2b" }
const retail = { company_ids: [], sales_channel_id: "sc_retail" }

describe("grantsCover", () => {
  it("no grants cover nothing; all grants cover everything, even an event the hub could not attribute", () => {
    for (const scope of [acmeWest, globex, retail, undefined]) {
      expect(grantsCover(NO_GRANTS, scope)).toBe(false)
      expect(grantsCover(ALL_GRANTS, scope)).toBe(true)
    }
  })

  it("a company grant covers the company and its subsidiaries, in every channel, and no other company", () => {
    const acme = { sales_channel_ids: ["*"], company_ids: ["comp_acme"] }
    expect(grantsCover(acme, acmeWest)).toBe(true)
    expect(grantsCover(acme, { ...acmeWest, sales_channel_id: "sc_other" })).toBe(true)
    expect(grantsCover(acme, globex)).toBe(false)
    // An order of a customer of no company is no company's share.
    expect(grantsCover(acme, retail)).toBe(false)
    expect(grantsCover(acme, undefined)).toBe(false)
  })

  it("a channel grant covers every company in that channel and nothing elsewhere", () => {
    const b2b = { sales_channel_ids: ["sc_b2b"], company_ids: [] }
    expect(grantsCover(b2b, acmeWest)).toBe(true)
    expect(grantsCover(b2b, globex)).toBe(true)
    expect(grantsCover(b2b, retail)).toBe(false)
    expect(grantsCover(b2b, { company_ids: ["comp_acme"], sales_channel_id: null })).toBe(false)
  })

  it("companies and channels together must both match", () => {
    const both = { sales_channel_ids: ["sc_retail"], company_ids: ["comp_acme"] }
    expect(grantsCover(both, acmeWest)).toBe(false)
    expect(grantsCover(both, { ...acmeWest, sales_channel_id: "sc_retail" })).toBe(true)
  })
})
