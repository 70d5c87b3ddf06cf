import { open, seal } from "../secret-box"

const KEY = Buffer.alloc(32, 9).toString("base64")

describe("secret-box", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = seal("whsec_c2VjcmV0LXNpZ25pbmcta2V5", KEY)
    expect(sealed).not.toContain("whsec_")
    expect(open(sealed, KEY)).toBe("whsec_c2VjcmV0LXNpZ25pbmcta2V5")
  })

  it("uses a fresh IV each time", () => {
    expect(seal("same", KEY)).not.toBe(seal("same", KEY))
  })

  it("refuses a tampered ciphertext or the wrong key", () => {
    const sealed = seal("secret", KEY)
    const parts = sealed.split(".")
    parts[3] = Buffer.from("tampered").toString("base64url")
    expect(() => open(parts.join("."), KEY)).toThrow()
    expect(() => open(sealed, Buffer.alloc(32, 1).toString("base64"))).toThrow()
  })
})
