import { generateKeyPair, SignJWT } from "jose"
import { signingKeyStore, type SigningKeyRow, type SigningKeyTable } from "../signing-key-table"
import { AccessTokenError, createTokenAuthority, TOKEN_ISSUER, UNKNOWN_KID_RELOAD_MS } from "../token-authority"

const AUDIENCE = "backy-test-api"
const ENCRYPTION_KEY = Buffer.alloc(32, 1).toString("base64")

/**
 * A signing-key table whose `list` (what MedusaService generates and the key
 * store calls) takes a database round trip and is counted.
 */
function countedTable() {
  const rows: (SigningKeyRow & { retired_at: Date | null })[] = []
  const list = jest.fn<ReturnType<SigningKeyTable["list"]>, Parameters<SigningKeyTable["list"]>>(
    async (filters, config) => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      const found = rows.filter((row) => filters.retired_at !== null || row.retired_at === null)
      return (config.order ? [...found].reverse() : found).slice(0, config.take ?? found.length)
    }
  )
  const table: SigningKeyTable = { list, create: async (key) => void rows.push({ ...key, retired_at: null }) }
  return { rows, table, list }
}

/** An authority over `table`: one per process in the app, so two of them are two processes. */
const authority = (table: SigningKeyTable) =>
  createTokenAuthority({
    audience: AUDIENCE,
    kidPrefix: "tstk",
    ttlSeconds: 600,
    keys: signingKeyStore("test signing key", table),
    encryptionKey: ENCRYPTION_KEY,
    keyTable: "test_signing_key",
  })

/** Well-formed tokens signed by keys of nobody's, each under a kid never published. */
async function forgedTokens(n: number): Promise<string[]> {
  const { privateKey } = await generateKeyPair("ES256")
  return await Promise.all(
    Array.from({ length: n }, (_, i) =>
      new SignJWT({ scope: "orders:read" })
        .setProtectedHeader({ alg: "ES256", kid: `forged-${i}`, typ: "at+jwt" })
        .setIssuer(TOKEN_ISSUER)
        .setAudience(AUDIENCE)
        .setSubject("nobody")
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(privateKey)
    )
  )
}

/** The refusal each verification ended with. */
const refusals = async (verifications: Promise<unknown>[]) =>
  (await Promise.allSettled(verifications)).map((outcome) =>
    outcome.status === "rejected" && outcome.reason instanceof AccessTokenError ? outcome.reason.code : outcome.status
  )

describe("reloading the published keys on an unknown kid", () => {
  // The store's clock stands still except when a test moves it: with real time added, "100 ms
  // before the interval" passed on its own whenever signing and verifying took that long (a loaded
  // CI machine), and the store then rightly reloaded.
  let clockMs = 0
  const later = (ms: number) => void (clockMs += ms)

  beforeEach(() => {
    clockMs = Date.now()
    jest.spyOn(Date, "now").mockImplementation(() => clockMs)
  })
  afterEach(() => jest.restoreAllMocks())

  it("reads the key table once for 200 concurrent verifications with unknown kids on a cold start", async () => {
    const { table, list } = countedTable()
    await authority(table).issue("client_1", [])
    list.mockClear()
    const verifier = authority(table)
    const forged = await forgedTokens(200)
    expect(await refusals(forged.map((token) => verifier.verify(token)))).toEqual(forged.map(() => "invalid_token"))
    expect(list).toHaveBeenCalledTimes(1)
  })

  it("reloads once for 200 concurrent unknown kids past the interval, and not again within it", async () => {
    const { table, list } = countedTable()
    const issuer = authority(table)
    const verifier = authority(table)
    await verifier.verify(await issuer.issue("client_1", []))
    const forged = await forgedTokens(200)
    later(UNKNOWN_KID_RELOAD_MS + 1)
    list.mockClear()
    expect(await refusals(forged.map((token) => verifier.verify(token)))).toEqual(forged.map(() => "invalid_token"))
    expect(list).toHaveBeenCalledTimes(1)
    // A spray of new kids right after: the copy just read is the answer.
    await refusals((await forgedTokens(50)).map((token) => verifier.verify(token)))
    later(UNKNOWN_KID_RELOAD_MS - 100)
    await refusals((await forgedTokens(50)).map((token) => verifier.verify(token)))
    expect(list).toHaveBeenCalledTimes(1)
  })

  it("picks up a key another process created, once the interval since the last reload has passed", async () => {
    const { rows, table, list } = countedTable()
    const issuer = authority(table)
    const verifier = authority(table)
    await verifier.verify(await issuer.issue("client_1", []))
    rows[0].retired_at = new Date()
    const withNewKey = await issuer.issue("client_1", ["orders:read"])
    expect(rows).toHaveLength(2)
    list.mockClear()
    // Within the interval the kid is as unknown as a forged one (reloading would let forged kids force a read each).
    await expect(verifier.verify(withNewKey)).rejects.toMatchObject({ code: "invalid_token" })
    expect(list).not.toHaveBeenCalled()
    later(UNKNOWN_KID_RELOAD_MS + 1)
    await expect(verifier.verify(withNewKey)).resolves.toEqual({ client_id: "client_1", scopes: ["orders:read"] })
    expect(list).toHaveBeenCalledTimes(1)
  })

  it("lets a failed read of the key table through as the store's error, not a token refusal, and reads again next time", async () => {
    const { table, list } = countedTable()
    const token = await authority(table).issue("client_1", [])
    const verifier = authority(table)
    list.mockRejectedValueOnce(new Error("connection refused"))
    const failed = await verifier.verify(token).catch((e: unknown) => e)
    expect(failed).not.toBeInstanceOf(AccessTokenError)
    expect(failed).toMatchObject({ message: "connection refused" })
    await expect(verifier.verify(token)).resolves.toMatchObject({ client_id: "client_1" })
  })
})
