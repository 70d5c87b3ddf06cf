import { createHmac, randomBytes } from "node:crypto"

/** `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` — what constructEvent verifies. */
export function signPayload(payload: string, secret: string, timestamp: number): string {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex")
  return `t=${timestamp},v1=${v1}`
}

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64url")}`
