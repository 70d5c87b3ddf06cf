import { verify as cryptoVerify } from "node:crypto"
import { Webhook } from "standardwebhooks"
import {
  activeSecrets,
  generateSecret,
  generateSigningKeyPair,
  parsePublicKey,
  parseSecret,
  rotateSecrets,
  sign,
  signatureHeaders,
} from "../index"

// The Standard Webhooks / Svix published test vector.
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
}

const HOUR = 60 * 60 * 1000

function headersFor(secrets: string[], body = '{"type":"order.placed"}', id = "msg_1") {
  return { body, headers: signatureHeaders({ id, timestamp: new Date(), body, secrets }) }
}

describe("sign", () => {
  it("reproduces the published Standard Webhooks test vector", () => {
    expect(sign({ ...VECTOR, secrets: [VECTOR.secret] })).toBe(VECTOR.signature)
  })

  it("produces headers that standardwebhooks' Webhook.verify accepts", () => {
    const secret = generateSecret()
    const { body, headers } = headersFor([secret])
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual({ type: "order.placed" })
  })

  it("fails verification when the body is tampered with", () => {
    const secret = generateSecret()
    const { headers } = headersFor([secret])
    expect(() => new Webhook(secret).verify('{"type":"order.paid"}', { ...headers })).toThrow(
      "No matching signature found"
    )
  })

  it("space-separates one signature per secret", () => {
    const header = sign({ id: "msg_1", timestamp: 1, body: "{}", secrets: [generateSecret(), generateSecret()] })
    expect(header.split(" ")).toHaveLength(2)
    expect(header.split(" ").every((s) => s.startsWith("v1,"))).toBe(true)
  })

  it("adds a v1a Ed25519 signature that verifies with the whpk_ public key", () => {
    const hmac = generateSecret()
    const { secretKey, publicKey } = generateSigningKeyPair()
    const header = sign({ id: "msg_1", timestamp: 1700000000, body: "{}", secrets: [hmac, secretKey] })
    const [v1, v1a] = header.split(" ")
    expect(v1).toMatch(/^v1,/)
    expect(v1a).toMatch(/^v1a,/)
    const signature = Buffer.from(v1a.slice(4), "base64")
    const content = Buffer.from("msg_1.1700000000.{}")
    expect(cryptoVerify(null, content, parsePublicKey(publicKey), signature)).toBe(true)
    // standardwebhooks ignores v1a entries and still verifies the v1 one.
    expect(
      new Webhook(hmac).verify("{}", {
        "webhook-id": "msg_1",
        "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
        "webhook-signature": sign({ id: "msg_1", timestamp: new Date(), body: "{}", secrets: [secretKey, hmac] }),
      })
    ).toEqual({})
  })

  it("signs a body given as its UTF-8 bytes exactly as the text (the vector, non-ASCII, Ed25519)", () => {
    expect(sign({ ...VECTOR, body: Buffer.from(VECTOR.body), secrets: [VECTOR.secret] })).toBe(VECTOR.signature)
    const { secretKey, publicKey } = generateSigningKeyPair()
    const secrets = [generateSecret(), secretKey]
    const text = '{"customer":"Zoë Müller","note":"déjà vu — ✓"}'
    const fromBytes = sign({ id: "msg_2", timestamp: 1700000000, body: Buffer.from(text), secrets })
    expect(fromBytes).toBe(sign({ id: "msg_2", timestamp: 1700000000, body: text, secrets }))
    const v1a = Buffer.from(fromBytes.split(" ")[1]!.slice(4), "base64")
    expect(cryptoVerify(null, Buffer.from(`msg_2.1700000000.${text}`), parsePublicKey(publicKey), v1a)).toBe(true)
  })

  it("rejects ids containing '.', which would make the signed string ambiguous", () => {
    expect(() => sign({ id: "a.b", timestamp: 1, body: "{}", secrets: [generateSecret()] })).toThrow(
      expect.objectContaining({ code: "ERR_WEBHOOK_INVALID_ARGUMENT" })
    )
  })

  it("requires at least one secret", () => {
    expect(() => sign({ id: "m", timestamp: 1, body: "{}", secrets: [] })).toThrow(
      expect.objectContaining({ code: "ERR_WEBHOOK_INVALID_ARGUMENT" })
    )
  })
})

describe("parseSecret", () => {
  it("accepts 24 to 64 byte whsec_ secrets", () => {
    expect(parseSecret(VECTOR.secret)).toMatchObject({ kind: "hmac" })
    expect(parseSecret(generateSecret(24))).toMatchObject({ kind: "hmac" })
    expect(parseSecret(generateSecret(64))).toMatchObject({ kind: "hmac" })
  })

  it.each([
    ["too short", "whsec_" + Buffer.alloc(23, 1).toString("base64")],
    ["too long", "whsec_" + Buffer.alloc(65, 1).toString("base64")],
    ["empty", "whsec_"],
    ["not base64", "whsec_not*base64!!"],
    ["unknown prefix", "sk_" + Buffer.alloc(32, 1).toString("base64")],
    ["bad ed25519 length", "whsk_" + Buffer.alloc(16, 1).toString("base64")],
  ])("rejects a secret: %s", (_what, secret) => {
    expect(() => parseSecret(secret)).toThrow(expect.objectContaining({ code: "ERR_WEBHOOK_INVALID_SECRET" }))
  })

  it("generateSecret refuses sizes outside the spec", () => {
    expect(() => generateSecret(16)).toThrow(expect.objectContaining({ code: "ERR_WEBHOOK_INVALID_ARGUMENT" }))
  })
})

describe("rotation", () => {
  const t0 = new Date("2026-01-01T00:00:00Z")

  it("keeps the old secret signing alongside the new one during the grace period", () => {
    const oldSecret = generateSecret()
    const newSecret = generateSecret()
    const rotated = rotateSecrets([{ secret: oldSecret }], newSecret, { now: t0 })
    expect(rotated[0]).toEqual({ secret: newSecret, expiresAt: null })
    expect(rotated[1]).toEqual({ secret: oldSecret, expiresAt: new Date(t0.getTime() + 24 * HOUR) })

    const during = activeSecrets(rotated, t0.getTime() + 23 * HOUR)
    expect(during).toEqual([newSecret, oldSecret])
    const { body, headers } = headersFor(during)
    expect(() => new Webhook(oldSecret).verify(body, { ...headers })).not.toThrow()
    expect(() => new Webhook(newSecret).verify(body, { ...headers })).not.toThrow()
  })

  it("drops the old secret once the grace period is over", () => {
    const oldSecret = generateSecret()
    const newSecret = generateSecret()
    const rotated = rotateSecrets([{ secret: oldSecret }], newSecret, { now: t0 })
    const after = activeSecrets(rotated, t0.getTime() + 24 * HOUR + 1)
    expect(after).toEqual([newSecret])
    const { body, headers } = headersFor(after)
    expect(() => new Webhook(oldSecret).verify(body, { ...headers })).toThrow()
    expect(() => new Webhook(newSecret).verify(body, { ...headers })).not.toThrow()
  })

  it("honours a custom grace period and never extends an earlier expiry", () => {
    const a = generateSecret()
    const b = generateSecret()
    const c = generateSecret()
    const once = rotateSecrets([{ secret: a }], b, { now: t0, gracePeriodMs: HOUR })
    const twice = rotateSecrets(once, c, { now: new Date(t0.getTime() + 10 * 60 * 1000), gracePeriodMs: 2 * HOUR })
    expect(twice.map((s) => s.secret)).toEqual([c, b, a])
    expect(twice[2].expiresAt).toEqual(new Date(t0.getTime() + HOUR))
  })

  it("keeps at most ten old secrets", () => {
    let secrets = [{ secret: generateSecret() }] as ReturnType<typeof rotateSecrets>
    for (let i = 0; i < 15; i++) secrets = rotateSecrets(secrets, generateSecret(), { now: t0 })
    expect(secrets).toHaveLength(11)
  })

  it("refuses to rotate to a malformed secret", () => {
    expect(() => rotateSecrets([], "whsec_short")).toThrow(
      expect.objectContaining({ code: "ERR_WEBHOOK_INVALID_SECRET" })
    )
  })
})
