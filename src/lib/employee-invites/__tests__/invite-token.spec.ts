import { SignJWT } from "jose"
import {
  EMPLOYEE_INVITE_TTL_SECONDS,
  EmployeeInviteError,
  newInviteId,
  signEmployeeInvite,
  verifyEmployeeInvite,
} from "../invite-token"

const SECRET = "backy-dev-only-secret"
const claims = { invite_id: "inv_abc", employee_id: "emp_1", customer_id: "cus_1", email: "Kim@Acme.Example" }
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (e: EmployeeInviteError) => e.code
  )

describe("employee invite tokens", () => {
  it("round-trips the employee, the customer, the invite id and the lower-cased e-mail", async () => {
    const { token, expires_at } = await signEmployeeInvite(SECRET, claims, new Date("2026-01-01T00:00:00Z"))
    expect(expires_at.toISOString()).toBe(
      new Date(Date.parse("2026-01-01T00:00:00Z") + EMPLOYEE_INVITE_TTL_SECONDS * 1000).toISOString()
    )
    await expect(verifyEmployeeInvite(SECRET, token, new Date("2026-01-02T00:00:00Z"))).resolves.toEqual({
      ...claims,
      email: "kim@acme.example",
    })
  })

  it("says invite_expired after the time to live", async () => {
    const { token, expires_at } = await signEmployeeInvite(SECRET, claims)
    expect(await code(verifyEmployeeInvite(SECRET, token, new Date(expires_at.getTime() + 1000)))).toBe(
      "invite_expired"
    )
  })

  it("refuses an invite signed with another secret", async () => {
    const { token } = await signEmployeeInvite("another-deployment-secret", claims)
    expect(await code(verifyEmployeeInvite(SECRET, token))).toBe("invite_invalid")
  })

  it("refuses a tampered invite", async () => {
    const { token } = await signEmployeeInvite(SECRET, claims)
    const [header, , signature] = token.split(".")
    const payload = Buffer.from(
      JSON.stringify({
        sub: "emp_2",
        jti: "inv_abc",
        cid: "cus_2",
        email: "mallory@example.com",
        aud: "backy:employee-invite",
        exp: 4e9,
      })
    ).toString("base64url")
    expect(await code(verifyEmployeeInvite(SECRET, `${header}.${payload}.${signature}`))).toBe("invite_invalid")
  })

  it("refuses a Medusa auth token signed with the JWT secret itself", async () => {
    const authToken = await new SignJWT({
      actor_id: "",
      actor_type: "customer",
      auth_identity_id: "authid_1",
      sub: "emp_1",
      jti: "inv_abc",
      cid: "cus_1",
      email: "kim@acme.example",
    })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(SECRET))
    expect(await code(verifyEmployeeInvite(SECRET, authToken))).toBe("invite_invalid")
  })

  it("refuses what is not a token at all", async () => {
    expect(await code(verifyEmployeeInvite(SECRET, "not-a-token"))).toBe("invite_invalid")
  })

  it("makes unguessable, distinct invite ids", () => {
    const ids = new Set(Array.from({ length: 100 }, newInviteId))
    expect(ids.size).toBe(100)
    for (const id of ids) expect(id).toMatch(/^inv_[\w-]{22}$/)
  })
})
