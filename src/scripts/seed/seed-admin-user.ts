import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createUserAccountWorkflow } from "@medusajs/medusa/core-flows"

/**
 * A merchant staff user who signs in with email and password (Medusa's
 * `emailpass` provider), as `medusa user` would create one. Reruns keep it.
 */
export async function seedAdminUser(
  container: MedusaContainer,
  input: { email: string; password: string }
): Promise<void> {
  const users = container.resolve(Modules.USER)
  const [user] = await users.listUsers({ email: input.email })
  if (user) return
  const auth = container.resolve(Modules.AUTH)
  const { success, authIdentity, error } = await auth.register("emailpass", {
    body: { email: input.email, password: input.password },
  })
  if (!success || !authIdentity) throw new Error(`could not register ${input.email}: ${error}`)
  await createUserAccountWorkflow(container).run({
    input: { authIdentityId: authIdentity.id, userData: { email: input.email, first_name: "Ops", last_name: "Team" } },
  })
}
