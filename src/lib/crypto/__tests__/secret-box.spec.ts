import { keyId, open, reseal, seal } from "../secret-box"
import { sealV1 } from "./legacy-v1"

const KEY = Buffer.alloc(32, 9).toString("base64")
const OLD_KEY = Buffer.alloc(32, 3).toString("base64")
const OTHER_KEY = Buffer.alloc(32, 1).toString("base64")
const CURRENT = { encryptionKey: KEY }
const ROTATING = { encryptionKey: KEY, previousEncryptionKeys: [OLD_KEY] }
const AAD = "webhook_endpoint.secret:ep_1"
const SECRET = "whsec_c2VjcmV0LXNpZ25pbmcta2V5"

/** The envelope with its tag cut to `bytes` (a forger's shortcut: short tags are easier to guess). */
function withTruncatedTag(sealed: string, bytes: number): string {
  const parts = sealed.split(".")
  const tagAt = parts.length - 2
  parts[tagAt] = Buffer.from(parts[tagAt], "base64url").subarray(0, bytes).toString("base64url")
  return parts.join(".")
}

describe("secret-box", () => {
  it("round-trips as v2 with the key's id, and never stores the plaintext", () => {
    const sealed = seal(SECRET, CURRENT, AAD)
    expect(sealed).not.toContain("whsec_")
    expect(sealed.split(".")).toHaveLength(5)
    expect(sealed.startsWith(`v2.${keyId(KEY)}.`)).toBe(true)
    expect(open(sealed, CURRENT, AAD)).toBe(SECRET)
  })

  it("names a key by the first 8 bytes of its SHA-256, base64url", () => {
    expect(keyId(KEY)).toMatch(/^[A-Za-z0-9_-]{11}$/)
    expect(keyId(KEY)).toBe(keyId(KEY))
    expect(keyId(KEY)).not.toBe(keyId(OLD_KEY))
  })

  it("uses a fresh IV each time", () => {
    expect(seal("same", CURRENT, AAD)).not.toBe(seal("same", CURRENT, AAD))
  })

  it("refuses a tampered ciphertext or the wrong key", () => {
    const sealed = seal("secret", CURRENT, AAD)
    const parts = sealed.split(".")
    parts[4] = Buffer.from("tampered").toString("base64url")
    expect(() => open(parts.join("."), CURRENT, AAD)).toThrow()
    // Same kid, other key bytes cannot happen; a key that is not configured is named by its id.
    expect(() => open(sealed, { encryptionKey: OTHER_KEY }, AAD)).toThrow(/key id .*ENCRYPTION_KEYS_PREVIOUS/)
  })

  it("refuses a tag shorter than 16 bytes, v2 and v1 alike", () => {
    const sealed = seal(SECRET, CURRENT, AAD)
    for (const bytes of [4, 8, 12, 15]) expect(() => open(withTruncatedTag(sealed, bytes), CURRENT, AAD)).toThrow()
    const legacy = sealV1(SECRET, KEY)
    expect(open(legacy, CURRENT, AAD)).toBe(SECRET)
    for (const bytes of [4, 8, 12, 15]) expect(() => open(withTruncatedTag(legacy, bytes), CURRENT, AAD)).toThrow()
  })

  it("binds a ciphertext to its purpose and row: copied elsewhere it does not open", () => {
    const sealed = seal(SECRET, CURRENT, "webhook_endpoint.secret:ep_1")
    expect(() => open(sealed, CURRENT, "webhook_endpoint.secret:ep_2")).toThrow(/another row or purpose/)
    expect(() => open(sealed, CURRENT, "erp_connection.credentials:ep_1")).toThrow(/another row or purpose/)
    expect(() => open(sealed, CURRENT, "")).toThrow()
  })

  it("opens under a previous key, seals under the current one only", () => {
    const old = seal(SECRET, { encryptionKey: OLD_KEY }, AAD)
    expect(open(old, ROTATING, AAD)).toBe(SECRET)
    expect(() => open(old, CURRENT, AAD)).toThrow(new RegExp(keyId(OLD_KEY)))
    expect(seal(SECRET, ROTATING, AAD).startsWith(`v2.${keyId(KEY)}.`)).toBe(true)
  })

  it("still opens v1 envelopes (no key id, no associated data) under the current or a previous key", () => {
    expect(open(sealV1(SECRET, KEY), CURRENT, AAD)).toBe(SECRET)
    expect(open(sealV1(SECRET, OLD_KEY), ROTATING, AAD)).toBe(SECRET)
    expect(() => open(sealV1(SECRET, OLD_KEY), CURRENT, AAD)).toThrow(/ENCRYPTION_KEYS_PREVIOUS/)
    expect(() => open("v1.not-a-secret", CURRENT, AAD)).toThrow(/not a sealed secret/)
  })

  it("reseals v1 and previous-key envelopes under the current key, and leaves current ones be", () => {
    for (const before of [
      sealV1(SECRET, OLD_KEY),
      sealV1(SECRET, KEY),
      seal(SECRET, { encryptionKey: OLD_KEY }, AAD),
    ]) {
      const after = reseal(before, ROTATING, AAD)!
      expect(after.startsWith(`v2.${keyId(KEY)}.`)).toBe(true)
      expect(open(after, CURRENT, AAD)).toBe(SECRET)
      expect(reseal(after, ROTATING, AAD)).toBeUndefined()
    }
    // A current envelope bound to another row is refused, not passed over.
    expect(() => reseal(seal(SECRET, CURRENT, "webhook_endpoint.secret:ep_2"), ROTATING, AAD)).toThrow()
  })

  it("never puts the secret in an error", () => {
    const sealed = seal(SECRET, CURRENT, AAD)
    for (const attempt of [
      () => open(sealed, CURRENT, "webhook_endpoint.secret:ep_2"),
      () => open(sealed, { encryptionKey: OTHER_KEY }, AAD),
      () => open(withTruncatedTag(sealed, 4), CURRENT, AAD),
    ]) {
      expect(attempt).toThrow()
      try {
        attempt()
      } catch (e) {
        expect((e as Error).message).not.toContain(SECRET)
        expect((e as Error).message).not.toContain(KEY)
      }
    }
  })
})
