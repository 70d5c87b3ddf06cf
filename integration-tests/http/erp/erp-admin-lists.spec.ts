import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, netSuiteCertificate, netSuiteCredentials } from "./helpers"

jest.setTimeout(180_000)

process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-erp-admin-lists`

/**
 * The dashboard's ERP lists page like every other backy list: `limit` and
 * `offset` in, `count` out, bad values refused by name. Nothing here calls
 * an ERP: creating a connection only builds its adapter.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const headers = async () => ({ headers: await adminHeaders(getContainer()), validateStatus: () => true })

    describe("GET /admin/erp/connections", () => {
      it("pages the connections oldest first with their count, never showing credentials", async () => {
        const cert = netSuiteCertificate()
        const names = ["NetSuite A", "NetSuite B", "NetSuite C"]
        for (const name of names) {
          const { status } = await api.post(
            "/admin/erp/connections",
            {
              name,
              kind: "netsuite",
              settings: {
                accountId: "TSTDRV0001",
                baseUrl: "http://127.0.0.1:9",
                tokenUrl: "http://127.0.0.1:9/token",
              },
              credentials: netSuiteCredentials(cert),
            },
            await headers()
          )
          expect(status).toBe(201)
        }

        const first = await api.get("/admin/erp/connections?limit=2", await headers())
        expect(first.status).toBe(200)
        expect(first.data).toMatchObject({ count: 3, limit: 2, offset: 0 })
        expect(first.data.connections.map((c: any) => c.name)).toEqual(["NetSuite A", "NetSuite B"])
        const second = await api.get("/admin/erp/connections?limit=2&offset=2", await headers())
        expect(second.data.connections.map((c: any) => [c.name, c.has_credentials])).toEqual([["NetSuite C", true]])
        expect(JSON.stringify([first.data, second.data])).not.toContain("PRIVATE KEY")
      })

      it("refuses a bad limit or offset, naming the field", async () => {
        for (const [query, field] of [
          ["limit=0", "limit"],
          ["offset=-1", "offset"],
          ["page=2", "page"],
        ]) {
          const { status, data } = await api.get(`/admin/erp/connections?${query}`, await headers())
          expect({ query, status, message: data.message }).toEqual({
            query,
            status: 400,
            message: expect.stringContaining(field),
          })
        }
      })
    })

    describe("GET /admin/erp/pull-clients", () => {
      it("pages the clients oldest first with their count, never showing a secret", async () => {
        const secrets: string[] = []
        for (const name of ["WMS 1", "WMS 2", "WMS 3"]) {
          const { status, data } = await api.post(
            "/admin/erp/pull-clients",
            { name, scopes: ["orders:read"], sales_channel_ids: ["*"] },
            await headers()
          )
          expect(status).toBe(201)
          secrets.push(data.client_secret)
        }

        const first = await api.get("/admin/erp/pull-clients?limit=2", await headers())
        expect(first.data).toMatchObject({ count: 3, limit: 2, offset: 0 })
        expect(first.data.pull_clients.map((c: any) => c.name)).toEqual(["WMS 1", "WMS 2"])
        const second = await api.get("/admin/erp/pull-clients?limit=2&offset=2", await headers())
        expect(second.data.pull_clients.map((c: any) => c.name)).toEqual(["WMS 3"])
        for (const secret of secrets) expect(JSON.stringify([first.data, second.data])).not.toContain(secret)
      })

      it("refuses a limit above the maximum, naming the field", async () => {
        const { status, data } = await api.get("/admin/erp/pull-clients?limit=500", await headers())
        expect(status).toBe(400)
        expect(data.message).toContain("limit")
      })
    })
  },
})
