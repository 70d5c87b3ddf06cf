import { SignJWT } from "jose"
import { Modules } from "@medusajs/framework/utils"

/**
 * An admin user and a bearer token for the admin API, signed the way Medusa
 * signs its own (the test runner uses the default JWT_SECRET).
 */
export async function createAdminToken(container: any, email = "ops@backy.example"): Promise<string> {
  const users = container.resolve(Modules.USER)
  const auth = container.resolve(Modules.AUTH)
  let [user] = await users.listUsers({ email })
  if (!user) user = await users.createUsers({ email, first_name: "Ops", last_name: "Team" })
  let [identity] = await auth.listAuthIdentities({ app_metadata: { user_id: user.id } } as any).catch(() => [])
  if (!identity) {
    identity = await auth.createAuthIdentities({
      provider_identities: [{ provider: "emailpass", entity_id: email }],
      app_metadata: { user_id: user.id },
    })
  }
  const secret = process.env.JWT_SECRET || "backy-dev-only-secret"
  return await new SignJWT({
    actor_id: user.id,
    actor_type: "user",
    auth_identity_id: identity.id,
    app_metadata: { user_id: user.id },
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime("1d")
    .sign(new TextEncoder().encode(secret))
}
