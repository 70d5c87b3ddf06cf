import { decodeProtectedHeader } from "jose"
import { signingKeyStore, type SigningKeyRow, type SigningKeyTable } from "../signing-key-table"
import { keyId } from "../../crypto/secret-box"
import { AccessTokenError, createTokenAuthority } from "../token-authority"

const ENCRYPTION_KEY = Buffer.alloc(32, 1).toString("base64")

/** A module's signing-key table in memory: what MedusaService's list/create methods do with these arguments. */
function memoryTable() {
  const rows: (SigningKeyRow & { retired_at: Date | null; created_at: Date })[] = []
  const table: SigningKeyTable = {
    async list(filters, config) {
      let found = rows.filter((row) => filters.retired_at !== null || row.retired_at === null)
      if (config.order) found = [...found].sort((a, b) => b.created_at.getTime() - a.created_at.getTime())
      return found.slice(0, config.take ?? found.length)
    },
    async create(key) {
      rows.push({ ...key, retired_at: null, created_at: new Date(Date.now() + rows.length) })
    },
  }
  return { rows, table }
}

function authority(
  table: SigningKeyTable,
  audience = "backy-test-api",
  keys: { encryptionKey: string; previousEncryptionKeys?: string[] } = { encryptionKey: ENCRYPTION_KEY }
) {
  return createTokenAuthority({
    audience,
    kidPrefix: "tstk",
    ttlSeconds: 600,
    keys: signingKeyStore("test signing key", table),
    keyTable: "test_signing_key",
    ...keys,
  })
}

describe("a token authority over a module's signing-key table", () => {
  it("creates its first key on first use, sealed at rest, and verifies what it issued", async () => {
    const { rows, table } = memoryTable()
    const tokens = authority(table)
    const token = await tokens.issue("client_1", ["orders:read"])
    expect(rows).toHaveLength(1)
    expect(rows[0].kid).toMatch(/^tstk-/)
    expect(rows[0].private_jwk_encrypted.startsWith(`v2.${keyId(ENCRYPTION_KEY)}.`)).toBe(true)
    expect(rows[0].public_jwk).toMatchObject({ kid: rows[0].kid, kty: "EC", alg: "ES256", use: "sig" })
    expect(rows[0].public_jwk).not.toHaveProperty("d")
    expect(decodeProtectedHeader(token)).toEqual({ alg: "ES256", kid: rows[0].kid, typ: "at+jwt" })
    await expect(tokens.verify(token)).resolves.toEqual({ client_id: "client_1", scopes: ["orders:read"] })
  })

  it("signs with the newest unretired key, publishes every key, and another process's authority verifies", async () => {
    const { rows, table } = memoryTable()
    await authority(table).issue("client_1", [])
    const rotated = authority(table)
    rows[0].retired_at = new Date()
    const token = await rotated.issue("client_1", [])
    expect(rows).toHaveLength(2)
    expect(decodeProtectedHeader(token).kid).toBe(rows[1].kid)
    expect((await rotated.publicKeys()).keys.map((k) => k.kid)).toEqual([rows[0].kid, rows[1].kid])
    await expect(authority(table).verify(token)).resolves.toMatchObject({ client_id: "client_1" })
  })

  it("binds a sealed private key to its kid: copied to another key's row, it does not open", async () => {
    const { rows, table } = memoryTable()
    await authority(table).issue("client_1", [])
    await table.create({ ...rows[0], kid: "tstk-copied" })
    await expect(authority(table).issue("client_1", [])).rejects.toThrow(/test_signing_key:tstk-copied/)
  })

  it("opens a private key sealed under a previous key after ENCRYPTION_KEY changed", async () => {
    const { table } = memoryTable()
    const before = await authority(table).issue("client_1", [])
    const newKey = Buffer.alloc(32, 2).toString("base64")
    const rotated = authority(table, undefined, { encryptionKey: newKey, previousEncryptionKeys: [ENCRYPTION_KEY] })
    const after = await rotated.issue("client_1", [])
    expect(decodeProtectedHeader(after).kid).toBe(decodeProtectedHeader(before).kid)
    await expect(authority(table, undefined, { encryptionKey: newKey }).issue("client_1", [])).rejects.toThrow(
      /ENCRYPTION_KEYS_PREVIOUS/
    )
  })

  it("refuses a token of another audience, and an expired one as expired_token", async () => {
    const { table } = memoryTable()
    const foreign = await authority(table, "backy-other-api").issue("client_1", [])
    await expect(authority(table).verify(foreign)).rejects.toMatchObject({ code: "invalid_token" })
    const tokens = authority(table)
    const short = await tokens.issue("client_1", [], 1)
    await new Promise((r) => setTimeout(r, 2_100))
    const refused = await tokens.verify(short).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(AccessTokenError)
    expect(refused).toMatchObject({ code: "expired_token" })
  })
})
