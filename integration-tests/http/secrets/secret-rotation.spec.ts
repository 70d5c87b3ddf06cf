import { randomBytes } from "node:crypto"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, generateEntityId } from "@medusajs/framework/utils"
import { decodeProtectedHeader, exportJWK, generateKeyPair } from "jose"
import { Webhook } from "standardwebhooks"
import { startStripeSandbox, StripeSandbox } from "../../sandboxes/stripe"
import { startErpSandbox, ErpSandbox } from "../../sandboxes/erp"
import { startPartnerReceiver, PartnerReceiver } from "../../sandboxes/partner"
import { B2bFixture, seedB2bFixture } from "../../helpers/fixtures"
import { waitFor } from "../../helpers/store-client"
import { adminHttp, issuePartner, IssuedPartner, partnerToken, webhookHeaders } from "../webhooks/helpers"
import { buyerStore, netSuiteCertificate, NetSuiteCertificate, netSuiteCredentials, placeOrders } from "../erp/helpers"
import { generateSecret } from "../../../webhooks"
import { keyId, type EncryptionKeys } from "../../../src/lib/crypto/secret-box"
import type { ResealCount } from "../../../src/lib/crypto/reseal-count"
import { sealV1 } from "../../../src/lib/crypto/__tests__/legacy-v1"
import { createTokenAuthority } from "../../../src/lib/oauth/token-authority"
import { signingKeyStore } from "../../../src/lib/oauth/signing-key-table"
import { OUTBOX_MODULE } from "../../../src/modules/outbox"
import type OutboxModuleService from "../../../src/modules/outbox/service"
import { createEndpoint, rotateEndpointSecret } from "../../../src/modules/outbox/lib/endpoint-admin"
import { ERP_MODULE } from "../../../src/modules/erp"
import type ErpModuleService from "../../../src/modules/erp/service"
import { ERP_ACCESS_TOKENS } from "../../../src/modules/erp/lib/access-tokens"
import { sealConnectionCredentials } from "../../../src/modules/erp/lib/sync/connection-credentials"
import rotateSecrets from "../../../src/scripts/rotate-secrets"

jest.setTimeout(300_000)

/**
 * ENCRYPTION_KEY rotation end to end. Secrets are written under key A (as
 * v1 envelopes, the format databases hold today, and as v2); the app runs
 * with key B only, as after the rotation, when key A is dropped. Rotation runs
 * as the reconfigured service runs it (B current, A in
 * ENCRYPTION_KEYS_PREVIOUS); then webhooks are delivered and verified with
 * the endpoints' secrets, orders sync to the ERP and tokens are signed with
 * the re-sealed keys, and no row holds a v1 or key-A envelope any more.
 *
 * The runner restores the database to its state after beforeAll before each
 * test, so the writes under key A and the rotation happen in beforeAll and
 * the tests check what they left.
 */
const KEY_A = randomBytes(32).toString("base64")
const KEY_B = randomBytes(32).toString("base64")
const UNDER_A: EncryptionKeys = { encryptionKey: KEY_A }
const ROTATING: EncryptionKeys = { encryptionKey: KEY_B, previousEncryptionKeys: [KEY_A] }

const STRIPE_PORT = 41_641
process.env.ENCRYPTION_KEY = KEY_B
delete process.env.ENCRYPTION_KEYS_PREVIOUS
process.env.STRIPE_API_BASE = `http://127.0.0.1:${STRIPE_PORT}`
process.env.STRIPE_WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtc2VjcmV0LXJvdGF0aW9u"
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.REDIS_URL = "redis://127.0.0.1:6379"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-secret-rotation`
process.env.WEBHOOK_ALLOWLIST = "127.0.0.1"
delete process.env.WEBHOOK_ALLOW_HTTP

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let stripe: StripeSandbox
    let erp: ErpSandbox
    let receiver: PartnerReceiver
    let cert: NetSuiteCertificate
    let fixture: B2bFixture
    let partner: IssuedPartner
    /** Endpoints whose secrets were sealed under key A: v1, v2 with two secrets (rotated), v1 and deleted. */
    const endpoints = {} as Record<"legacy" | "rotated" | "deleted", { id: string; secrets: string[] }>
    let connectionIds: string[]
    let partnerKid: string
    let erpKid: string
    /** Before the rotation: every sealed secret, and what the app (key B only) made of the key-A ones. */
    let before: { envelopes: string[]; opened: string[] }
    /** The rotation with key A as a previous key, then `npm run secrets:rotate`'s script with the app's keys. */
    let rotation: { outbox: ResealCount[]; erp: ResealCount[]; again: ResealCount[]; printed: string }

    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const outbox = () => getContainer().resolve<OutboxModuleService>(OUTBOX_MODULE)
    const erpModule = () => getContainer().resolve<ErpModuleService>(ERP_MODULE)

    /** Every sealed secret in the database, deleted and retired rows included. */
    const envelopes = async (): Promise<string[]> => {
      const [endpointRows, connections, partnerKeys, erpKeys] = await Promise.all([
        pg()("webhook_endpoint").select("secrets"),
        pg()("erp_connection").whereNotNull("credentials_encrypted").select("credentials_encrypted as sealed"),
        pg()("partner_signing_key").select("private_jwk_encrypted as sealed"),
        pg()("erp_signing_key").select("private_jwk_encrypted as sealed"),
      ])
      return [
        ...endpointRows.flatMap((r: { secrets: { keys: { sealed: string }[] } }) =>
          r.secrets.keys.map((k) => k.sealed)
        ),
        ...[...connections, ...partnerKeys, ...erpKeys].map((r: { sealed: string }) => r.sealed),
      ]
    }

    /** An endpoint written behind the API's back with a v1 secret under key A, as older releases wrote it. */
    const legacyEndpoint = async (path: string) => {
      const id = generateEntityId(undefined, "ep")
      const secret = generateSecret()
      await outbox().createWebhookEndpoints({
        id,
        partner_id: partner.id,
        url: `${receiver.url}${path}`,
        event_types: ["order.placed"],
        secrets: { keys: [{ sealed: sealV1(secret, KEY_A), expires_at: null }] },
      })
      return { id, secrets: [secret] }
    }

    /** A NetSuite connection to the sandbox whose credentials `sealed` seals under key A. */
    const connectionUnderKeyA = async (sealed: (id: string, credentials: Record<string, unknown>) => string) => {
      const id = generateEntityId(undefined, "erpc")
      await erpModule().createErpConnections({
        id,
        name: `NetSuite ${id}`,
        kind: "netsuite",
        settings: { accountId: "TSTDRV0001", baseUrl: erp.netsuiteBaseUrl, tokenUrl: erp.netsuiteTokenUrl },
        credentials_encrypted: sealed(id, netSuiteCredentials(cert)),
      })
      return id
    }

    beforeAll(async () => {
      cert = netSuiteCertificate()
      stripe = await startStripeSandbox({ port: STRIPE_PORT, webhookSecret: process.env.STRIPE_WEBHOOK_SECRET })
      stripe.setWebhookUrl(`${api.defaults.baseURL}/hooks/payment/net-terms_net-terms`)
      erp = await startErpSandbox({ netsuitePublicKey: cert.publicKey })
      receiver = await startPartnerReceiver()
      fixture = await seedB2bFixture(getContainer())
      partner = await issuePartner(await adminHttp(api.defaults.baseURL!, getContainer()), "Acme Analytics")

      // ── Written under key A ──
      endpoints.legacy = await legacyEndpoint("/legacy")
      endpoints.deleted = await legacyEndpoint("/deleted")
      await outbox().softDeleteWebhookEndpoints([endpoints.deleted.id])
      const created = await createEndpoint(pg(), UNDER_A, partner.id, {
        url: `${receiver.url}/rotated`,
        event_types: ["order.placed"],
      })
      const rotated = await rotateEndpointSecret(pg(), UNDER_A, created.endpoint.id, 3_600_000)
      endpoints.rotated = { id: created.endpoint.id, secrets: [rotated.secret, created.secret] }

      connectionIds = [
        await connectionUnderKeyA((_id, credentials) => sealV1(JSON.stringify(credentials), KEY_A)),
        await connectionUnderKeyA((id, credentials) => sealConnectionCredentials(id, credentials, UNDER_A)),
      ]

      // The newest partner signing key, sealed as v1 (the partner's token above was signed with one under B).
      const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true })
      partnerKid = `ptnk-legacy-${randomBytes(4).toString("hex")}`
      await outbox().createPartnerSigningKeys({
        kid: partnerKid,
        public_jwk: { ...(await exportJWK(publicKey)), kid: partnerKid, alg: "ES256", use: "sig" },
        private_jwk_encrypted: sealV1(JSON.stringify(await exportJWK(privateKey)), KEY_A),
      })
      // The pull API's first signing key, created as the ERP module creates it, under key A.
      const erpKeys = createTokenAuthority({
        ...ERP_ACCESS_TOKENS,
        ...UNDER_A,
        keys: signingKeyStore("ERP signing key", {
          list: (filters, config) => erpModule().listErpSigningKeys(filters, config),
          create: (key) => erpModule().createErpSigningKeys(key),
        }),
      })
      erpKid = (await erpKeys.signingKey()).kid

      before = {
        envelopes: await envelopes(),
        opened: await Promise.all(
          [
            outbox().currentSigningSecret(endpoints.legacy.id),
            outbox().currentSigningSecret(endpoints.rotated.id),
            ...connectionIds.map((id) => erpModule().connectorForConnection(id)),
          ].map((opening) =>
            opening.then(
              () => "opened",
              (e: Error) => e.message
            )
          )
        ),
      }

      // ── The rotation, as the reconfigured service runs it (B current, A previous) ──
      const outboxCounts = await outbox().resealSecrets(ROTATING)
      const erpCounts = await erpModule().resealSecrets(ROTATING)
      // What `npm run secrets:rotate` runs, with the app's own keys (B only).
      const printed: string[] = []
      const write = jest.spyOn(process.stdout, "write").mockImplementation((chunk) => {
        printed.push(String(chunk))
        return true
      })
      try {
        const again = await rotateSecrets({ container: getContainer(), args: [] })
        rotation = { outbox: outboxCounts, erp: erpCounts, again, printed: printed.join("") }
      } finally {
        write.mockRestore()
      }
    })

    afterAll(async () => {
      await Promise.allSettled([stripe?.close(), erp?.close(), receiver?.close()])
    })

    it("held v1 and key-A envelopes that the app, with key B only, could not open", () => {
      expect(before.envelopes.filter((s) => s.startsWith("v1.")).length).toBe(4)
      expect(before.envelopes.filter((s) => s.startsWith(`v2.${keyId(KEY_A)}.`)).length).toBe(4)
      expect(before.opened).toEqual(Array(4).fill(expect.stringContaining("ENCRYPTION_KEYS_PREVIOUS")))
    })

    it("re-seals every secret under key B with A as a previous key; the command then finds nothing to do", () => {
      expect(rotation.outbox).toEqual([
        { secrets: "webhook_endpoint.secrets", resealed: 3, unchanged: 0 },
        { secrets: "partner_signing_key.private_jwk_encrypted", resealed: 1, unchanged: 1 },
      ])
      expect(rotation.erp).toEqual([
        { secrets: "erp_connection.credentials_encrypted", resealed: 2, unchanged: 0 },
        { secrets: "erp_signing_key.private_jwk_encrypted", resealed: 1, unchanged: 0 },
      ])
      expect(rotation.again.map((c) => [c.resealed, c.unchanged])).toEqual([
        [0, 3],
        [0, 2],
        [0, 2],
        [0, 1],
      ])
      expect(rotation.printed).toContain("webhook_endpoint.secrets: 0 re-sealed, 3 already under the current key")
      for (const secret of Object.values(endpoints).flatMap((e) => e.secrets))
        expect(rotation.printed).not.toContain(secret)
    })

    it("leaves no v1 or key-A envelope: every row is v2 under key B, deleted ones included", async () => {
      const sealed = await envelopes()
      expect(sealed.length).toBe(4 + 2 + 2 + 1)
      for (const s of sealed) expect(s.startsWith(`v2.${keyId(KEY_B)}.`)).toBe(true)
    })

    it("delivers webhooks signed with the endpoints' own secrets", async () => {
      for (const name of ["legacy", "rotated"] as const) {
        const sent = await partner.http.post(`/partners/endpoints/${endpoints[name].id}/test`)
        expect(sent.status).toBe(202)
        await receiver.waitForCount(1, { path: `/${name}`, timeoutMs: 20_000 })
        const [delivery] = receiver.deliveries(`/${name}`)
        // The rotated endpoint signs with its new secret and, during the grace period, the old one.
        for (const secret of endpoints[name].secrets)
          expect(() => new Webhook(secret).verify(delivery.body, webhookHeaders(delivery.headers))).not.toThrow()
      }
      expect(await outbox().currentSigningSecret(endpoints.legacy.id)).toBe(endpoints.legacy.secrets[0])
    })

    it("syncs a placed order to the ERP through both connections, and partners hear of it", async () => {
      receiver.clear()
      const [order] = await placeOrders(await buyerStore(api.defaults.baseURL!, fixture), fixture, 1)
      const syncs = await waitFor(
        async () => {
          const { rows } = await pg().raw(
            `select d.target_id, d.status, d.last_error from delivery d join hub_event e on e.id = d.event_id
              where d.target_type = 'erp_connection' and e.resource_id = ? order by d.target_id`,
            [order.id]
          )
          return rows.length === 2 && rows.every((r: { status: string }) => r.status === "delivered") ? rows : undefined
        },
        60_000,
        "the order's ERP syncs delivered"
      )
      expect(syncs.map((s: { target_id: string }) => s.target_id)).toEqual([...connectionIds].sort())
      expect(erp.salesOrder(order.id)).toBeDefined()

      await receiver.waitForCount(1, { path: "/legacy", timeoutMs: 30_000 })
      const [placed] = receiver.deliveries("/legacy")
      const verified = new Webhook(endpoints.legacy.secrets[0]).verify(placed.body, webhookHeaders(placed.headers))
      expect(verified).toMatchObject({ type: "order.placed", resource: { id: order.id } })
    })

    it("signs access tokens with the re-sealed signing keys", async () => {
      const token = await partnerToken(partner.http.as(undefined), partner.client_id, partner.client_secret)
      expect(decodeProtectedHeader(token).kid).toBe(partnerKid)
      expect((await partner.http.as(`Bearer ${token}`).get("/partners/endpoints")).status).toBe(200)

      const { access_token } = await erpModule().issueAccessToken("erp_rotation_client", [])
      expect(decodeProtectedHeader(access_token).kid).toBe(erpKid)
      await expect(erpModule().verifyAccessToken(access_token)).resolves.toMatchObject({
        client_id: "erp_rotation_client",
      })
    })
  },
})
