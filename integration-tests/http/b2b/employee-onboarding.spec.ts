import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { seedCommerce } from "../../../src/scripts/seed/seed-commerce"
import { createAdminToken } from "../../helpers/admin"

jest.setTimeout(120_000)

// No Stripe call is expected here; a closed local port makes any stray one fail fast.
process.env.STRIPE_API_BASE = "http://127.0.0.1:41203"
process.env.MEDUSA_REDIS_MODULES = "false"
process.env.HUB_QUEUE_PREFIX = `backy-test-${process.pid}-employee-onboarding`

const PASSWORD = "a-long-password-123"

/**
 * Staff add an employee (a customer without an account, then the employee);
 * the person signs up on a standard storefront: POST /auth/customer/emailpass/register,
 * then POST /store/customers with the registration token and the invite.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { authorization: string }
    let publishableKey: string
    let companyId: string

    type Reply = { status: number; data: any }
    const send = async (
      method: "get" | "post",
      path: string,
      headers: Record<string, string>,
      body?: unknown
    ): Promise<Reply> => {
      const res =
        method === "post"
          ? await api.post(path, body, { headers, validateStatus: () => true })
          : await api.get(path, { headers, validateStatus: () => true })
      return { status: res.status, data: res.data }
    }
    const ok = async (reply: Promise<Reply>, expected = 200) => {
      const { status, data } = await reply
      if (status !== expected) throw new Error(`expected ${expected}, got ${status} ${JSON.stringify(data)}`)
      return data
    }
    const store = (token?: string) => ({
      "x-publishable-api-key": publishableKey,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    })

    /** What staff do: a customer for the e-mail (Medusa's admin API), then the employee. */
    const addEmployee = async (email: string) => {
      const { customer } = await ok(send("post", "/admin/customers", admin, { email, first_name: "Staff-typed" }))
      const { employee, invite } = await ok(
        send("post", `/admin/companies/${companyId}/employees`, admin, { customer_id: customer.id, role: "buyer" }),
        201
      )
      return { customer, employee, invite }
    }
    /** Step 1 of a storefront sign-up: a registration token (an auth identity, no customer yet). */
    const register = async (email: string) =>
      (await ok(send("post", "/auth/customer/emailpass/register", {}, { email, password: PASSWORD }))).token as string
    /** Step 2: the customer, with the registration token. */
    const signUp = (registrationToken: string, body: Record<string, unknown>) =>
      send("post", "/store/customers", store(registrationToken), body)
    const login = async (email: string) =>
      (await ok(send("post", "/auth/customer/emailpass", {}, { email, password: PASSWORD }))).token as string
    const customersWithEmail = (email: string) =>
      getContainer()
        .resolve(Modules.CUSTOMER)
        .listCustomers({ email }, { select: ["id", "has_account", "first_name"] })

    beforeAll(async () => {
      publishableKey = (await seedCommerce(getContainer())).publishable_key
      admin = { authorization: `Bearer ${await createAdminToken(getContainer())}` }
      companyId = (
        await ok(
          send("post", "/admin/companies", admin, {
            name: "Acme Industrial",
            billing_email: "ap@acme.example",
            currency_code: "usd",
          }),
          201
        )
      ).company.id
    })

    describe("POST /admin/companies/:id/employees", () => {
      it("returns an invite for a customer staff created, and none for a customer who already has an account", async () => {
        const { invite } = await addEmployee("ivy@acme.example")
        expect(invite).toEqual({ token: expect.any(String), expires_at: expect.any(String) })
        expect(Date.parse(invite.expires_at)).toBeGreaterThan(Date.now() + 13 * 86_400_000)

        await ok(signUp(await register("ray@acme.example"), { email: "ray@acme.example" }))
        const [ray] = await customersWithEmail("ray@acme.example")
        const added = await ok(
          send("post", `/admin/companies/${companyId}/employees`, admin, { customer_id: ray.id }),
          201
        )
        expect(added.invite).toBeNull()
        const reissue = await send("post", `/admin/companies/${companyId}/employees/${added.employee.id}/invite`, admin)
        expect(reissue.status).toBe(400)
        expect(reissue.data.message).toMatch(/already has a storefront account/)
      })
    })

    describe("POST /store/customers with metadata.invite_token", () => {
      it("makes the new login the employee staff added: one customer with that e-mail, who sees the company", async () => {
        const { customer, employee, invite } = await addEmployee("kim@acme.example")

        const signedUp = await ok(
          signUp(await register("kim@acme.example"), {
            email: "kim@acme.example",
            first_name: "Kim",
            last_name: "Lee",
            metadata: { invite_token: invite.token },
          })
        )
        expect(signedUp.customer).toMatchObject({
          id: customer.id,
          email: "kim@acme.example",
          first_name: "Kim",
          last_name: "Lee",
          has_account: true,
        })
        expect(await customersWithEmail("kim@acme.example")).toEqual([
          expect.objectContaining({ id: customer.id, has_account: true }),
        ])
        expect(signedUp.customer.metadata?.employee_invite_id).toBeUndefined()

        const mine = await ok(send("get", "/store/b2b/company", store(await login("kim@acme.example"))))
        expect(mine.company.id).toBe(companyId)
        expect(mine.employee).toMatchObject({ id: employee.id, role: "buyer" })
      })

      it("accepts an invite once", async () => {
        const { invite } = await addEmployee("jo@acme.example")
        await ok(signUp(await register("jo@acme.example"), { metadata: { invite_token: invite.token } }))
        // Someone else who got hold of the used invite, under another e-mail.
        const again = await signUp(await register("jo.other@example.com"), { metadata: { invite_token: invite.token } })
        expect(again.status).toBe(400)
        expect(again.data.message).toMatch(/^metadata\.invite_token: the invite has been used or replaced/)
      })

      it("refuses a replaced invite and a forged one, then accepts the current invite with the same registration", async () => {
        const { customer, employee, invite: first } = await addEmployee("lou@acme.example")
        const { invite: second } = await ok(
          send("post", `/admin/companies/${companyId}/employees/${employee.id}/invite`, admin)
        )
        const registration = await register("lou@acme.example")

        const replaced = await signUp(registration, { metadata: { invite_token: first.token } })
        expect(replaced.status).toBe(400)
        expect(replaced.data.message).toMatch(/^metadata\.invite_token: the invite has been used or replaced/)
        const [header, payload] = second.token.split(".")
        const forged = await signUp(registration, {
          metadata: { invite_token: `${header}.${payload}.${"A".repeat(43)}` },
        })
        expect(forged.status).toBe(400)
        expect(forged.data.message).toBe("metadata.invite_token: the invite is not valid")
        expect(await customersWithEmail("lou@acme.example")).toEqual([
          expect.objectContaining({ id: customer.id, has_account: false }),
        ])

        expect((await ok(signUp(registration, { metadata: { invite_token: second.token } }))).customer.id).toBe(
          customer.id
        )
      })

      it("refuses an invite presented by a login under another e-mail", async () => {
        const { customer, invite } = await addEmployee("max@acme.example")
        const other = await signUp(await register("mallory@example.com"), {
          email: "max@acme.example",
          metadata: { invite_token: invite.token },
        })
        expect(other.status).toBe(400)
        expect(other.data.message).toBe("email: register with the e-mail the invite was sent to (max@acme.example)")
        expect(await customersWithEmail("max@acme.example")).toEqual([
          expect.objectContaining({ id: customer.id, has_account: false }),
        ])
      })
    })

    describe("POST /store/customers without an invite", () => {
      it("does not make a stranger who registers an employee's e-mail that employee", async () => {
        const { customer } = await addEmployee("pat@acme.example")
        const registration = await register("pat@acme.example")

        const refused = await signUp(registration, { email: "pat@acme.example", first_name: "Not Pat" })
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(/^metadata\.invite_token: this e-mail belongs to a company's employee/)
        // Nor under other capitals.
        expect((await signUp(registration, { email: "PAT@Acme.Example" })).status).toBe(400)
        expect(await customersWithEmail("pat@acme.example")).toEqual([
          expect.objectContaining({ id: customer.id, has_account: false, first_name: "Staff-typed" }),
        ])
        expect(await customersWithEmail("PAT@Acme.Example")).toEqual([])
        // The stranger's login names no customer, so no company either.
        expect((await send("get", "/store/b2b/company", store(await login("pat@acme.example")))).status).toBe(401)
      })

      it("leaves any other sign-up to Medusa: a customer who works for no company", async () => {
        const { customer } = await ok(
          signUp(await register("walk_in@example.com"), { email: "walk_in@example.com", first_name: "Walk" })
        )
        expect(customer).toMatchObject({ email: "walk_in@example.com", has_account: true })
        const mine = await send("get", "/store/b2b/company", store(await login("walk_in@example.com")))
        expect(mine.status).toBe(404)
        expect(mine.data.message).toBe("You are not an employee of any company")
      })
    })
  },
})
