import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { randomBytes } from "node:crypto"
import { generateKeyPair, SignJWT } from "jose"
import { adminHttp, HubHttp } from "../webhooks/helpers"
import { ERP_MODULE } from "../../../src/modules/erp"
import { ERP_ACCESS_TOKENS } from "../../../src/modules/erp/lib/access-tokens"
import { OUTBOX_MODULE } from "../../../src/modules/outbox"
import { PARTNER_ACCESS_TOKENS } from "../../../src/modules/outbox/lib/access-tokens"
import { TOKEN_ISSUER, UNKNOWN_KID_RELOAD_MS } from "../../../src/lib/oauth/token-authority"

jest.setTimeout(180_000)

process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-bearer-key-store`
process.env.REDIS_URL = "redis://127.0.0.1:6379"
// 400 forged calls per API come from one address; the token endpoints are not what this spec is about.
process.env.OAUTH_IP_REQUESTS_PER_MINUTE = "1000"

/** The one answer any refused token gets, whatever failed behind the check. */
const INVALID_TOKEN = {
  type: "unauthorized",
  code: "invalid_token",
  message: "authorization: the access token is invalid",
}
/** What a failing store says: it must reach the log, never the caller. */
const INTERNAL = "connection to db-internal.backy.example:5432 refused"

type Api = {
  /** The module method listing the API's signing-key table: the seam the reads are counted through. */
  module: string
  listKeys: string
  audience: string
  route: string
  /** A bearer token of a real client with the route's scope, from the API's token endpoint. */
  realToken(admin: HubHttp): Promise<string>
}

const APIS: [string, Api][] = [
  [
    "ERP pull API",
    {
      module: ERP_MODULE,
      listKeys: "listErpSigningKeys",
      audience: ERP_ACCESS_TOKENS.audience,
      route: "/erp/orders",
      async realToken(admin) {
        const created = await admin.post("/admin/erp/pull-clients", {
          name: "Key Store ERP",
          scopes: ["orders:read"],
          sales_channel_ids: ["*"],
        })
        const { client_id } = created.body.pull_client
        return await tokenFrom(admin, "/erp/oauth/token", client_id, created.body.client_secret)
      },
    },
  ],
  [
    "partner API",
    {
      module: OUTBOX_MODULE,
      listKeys: "listPartnerSigningKeys",
      audience: PARTNER_ACCESS_TOKENS.audience,
      route: "/partners/endpoints",
      async realToken(admin) {
        const created = await admin.post("/admin/webhooks/partners", { name: "Key Store Partner" })
        return await tokenFrom(admin, "/partners/oauth/token", created.body.client_id, created.body.client_secret)
      },
    },
  ],
]

async function tokenFrom(admin: HubHttp, path: string, clientId: string, secret: string): Promise<string> {
  const answer = await admin
    .as(undefined)
    .post(path, { grant_type: "client_credentials", client_id: clientId, client_secret: secret })
  if (answer.status !== 200) throw new Error(`token: ${answer.status} ${JSON.stringify(answer.body)}`)
  return answer.body.access_token
}

/** A well-formed token signed by a key of nobody's, under a kid the hub has never published. */
async function forgedToken(audience: string): Promise<string> {
  const { privateKey } = await generateKeyPair("ES256")
  return await new SignJWT({ scope: "orders:read webhooks:manage" })
    .setProtectedHeader({ alg: "ES256", kid: `forged-${randomBytes(6).toString("hex")}`, typ: "at+jwt" })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(audience)
    .setSubject("nobody")
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(privateKey)
}

const pastUnknownKidInterval = () => new Promise((resolve) => setTimeout(resolve, UNKNOWN_KID_RELOAD_MS + 200))

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: HubHttp

    beforeAll(async () => {
      admin = await adminHttp(api.defaults.baseURL!, getContainer())
    })
    afterEach(() => jest.restoreAllMocks())

    /** Spies on the module's read of its signing-key table (the real method runs unless told otherwise). */
    function keyTableReads(container: MedusaContainer, { module, listKeys }: Api) {
      const service = container.resolve<Record<string, (...args: unknown[]) => Promise<unknown>>>(module)
      return jest.spyOn(service, listKeys)
    }
    const bearer = (token: string) => admin.as(`Bearer ${token}`)

    describe.each(APIS)("the %s's bearer check", (_name, apiUnderTest) => {
      const { audience, route } = apiUnderTest

      it("answers a failed read of the key table as an invalid token, the detail in the log only (cold start)", async () => {
        const logger = getContainer().resolve(ContainerRegistrationKeys.LOGGER)
        const logged = jest.spyOn(logger, "error")
        keyTableReads(getContainer(), apiUnderTest).mockRejectedValueOnce(
          new MedusaError(MedusaError.Types.DB_ERROR, INTERNAL)
        )
        const forged = await forgedToken(audience)
        const answer = await bearer(forged).get(route)
        expect(answer).toMatchObject({ status: 401, body: INVALID_TOKEN })
        expect(answer.body).toEqual(INVALID_TOKEN)
        expect(answer.headers.get("www-authenticate")).toContain('error="invalid_token"')
        const lines = logged.mock.calls.map((args) => args.join(" "))
        expect(lines).toEqual([expect.stringContaining(INTERNAL)])
        expect(lines[0]).not.toContain(forged)
      })

      it("answers a failed reload after an unknown kid the same way, and a real token still passes", async () => {
        const real = await apiUnderTest.realToken(admin)
        expect((await bearer(real).get(route)).status).toBe(200)
        await pastUnknownKidInterval()
        const reads = keyTableReads(getContainer(), apiUnderTest).mockRejectedValueOnce(
          new MedusaError(MedusaError.Types.DB_ERROR, INTERNAL)
        )
        const answer = await bearer(await forgedToken(audience)).get(route)
        expect(reads).toHaveBeenCalledTimes(1)
        expect([answer.status, answer.body]).toEqual([401, INVALID_TOKEN])
        expect(JSON.stringify(answer.body)).not.toContain("db-internal")
        expect((await bearer(real).get(route)).status).toBe(200)
      })

      it("reads the key table once for 200 concurrent calls with unknown kids, and not again within the interval", async () => {
        const forged = await Promise.all(Array.from({ length: 200 }, () => forgedToken(audience)))
        await pastUnknownKidInterval()
        const reads = keyTableReads(getContainer(), apiUnderTest)
        const answers = await Promise.all(forged.map((token) => bearer(token).get(route)))
        expect(answers.map((a) => a.status)).toEqual(forged.map(() => 401))
        expect(answers.map((a) => a.body)).toEqual(forged.map(() => INVALID_TOKEN))
        expect(reads).toHaveBeenCalledTimes(1)
        const again = await Promise.all(forged.map((token) => bearer(token).get(route)))
        expect(again.map((a) => a.status)).toEqual(forged.map(() => 401))
        expect(reads).toHaveBeenCalledTimes(1)
      })
    })
  },
})
