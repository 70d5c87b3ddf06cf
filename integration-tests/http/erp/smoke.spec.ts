import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { generateKeyPairSync } from "node:crypto"
import { startStripeSandbox, StripeSandbox } from "../../sandboxes/stripe"
import { startErpSandbox, ErpSandbox } from "../../sandboxes/erp"
import { B2bFixture, seedB2bFixture } from "../../helpers/fixtures"
import { StoreClient, waitFor } from "../../helpers/store-client"
import { NET_TERMS_PROVIDER_ID } from "../../../src/modules/providers/net-terms/constants"
import { ERP_MODULE } from "../../../src/modules/erp"
import { seal } from "../../../src/lib/crypto/secret-box"
import { loadHubConfig } from "../../../src/lib/config/env"

jest.setTimeout(180_000)
const STRIPE_PORT = 41_590
process.env.STRIPE_API_BASE = `http://127.0.0.1:${STRIPE_PORT}`
process.env.STRIPE_WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtZXJwLXNtb2tl"
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-erp-smoke`

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let stripe: StripeSandbox
    let erp: ErpSandbox
    let fixture: B2bFixture
    beforeAll(async () => {
      stripe = await startStripeSandbox({ port: STRIPE_PORT, webhookSecret: process.env.STRIPE_WEBHOOK_SECRET })
      stripe.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`)
      erp = await startErpSandbox()
      fixture = await seedB2bFixture(getContainer())
      const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" })
      const creds = { clientId: "c", certificateId: "k", privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString() }
      await (getContainer().resolve(ERP_MODULE) as any).createErpConnections({
        name: "ns", kind: "netsuite", settings: { accountId: "TST1", baseUrl: erp.netsuiteBaseUrl, tokenUrl: erp.netsuiteTokenUrl },
        credentials_encrypted: seal(JSON.stringify(creds), loadHubConfig().encryptionKey), concurrency: 10,
      })
    })
    afterAll(async () => { await stripe?.close(); await erp?.close() })
    it("syncs a placed order", async () => {
      const store = new StoreClient(api.defaults.baseURL!, fixture.publishable_key)
      await store.login(fixture.buyer.email, fixture.buyer.password)
      const cart = await store.createCart({ region_id: fixture.region_id, items: [{ variant_id: fixture.variants[0].id, quantity: 2 }] })
      const t0 = Date.now()
      const order = await store.checkout(cart.id, { providerId: NET_TERMS_PROVIDER_ID, poNumber: "PO-1" })
      console.log("checkout ms", Date.now() - t0)
      const got = await waitFor(() => erp.salesOrder(order.id), 30_000, "erp order")
      console.log(JSON.stringify(got, null, 1).slice(0, 3000))
    })
  },
})
