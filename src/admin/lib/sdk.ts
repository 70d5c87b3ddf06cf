import Medusa from "@medusajs/js-sdk"

/**
 * The dashboard's client for backy's admin routes. Same origin as the
 * dashboard itself (admin.backendUrl "/"), authenticated by the staff
 * member's session cookie, as Medusa's own pages are.
 */
export const sdk = new Medusa({
  baseUrl: import.meta.env.VITE_BACKEND_URL || "/",
  auth: { type: "session" },
})
