import { createHmac, randomBytes } from "node:crypto"
import { errors, jwtVerify, SignJWT } from "jose"

/**
 * The invite staff hand to a new employee: proof that the person signing up
 * on the storefront with that e-mail is the one the company added. Medusa's
 * `emailpass` registration does not verify e-mail addresses, so an e-mail
 * alone proves nothing.
 *
 * A compact JWT (HS256) whose key is derived from the hub's JWT secret, with
 * its own audience: an invite is never accepted as a Medusa auth token, nor
 * the other way round. It names the employee, the staff-created customer and
 * its e-mail, and carries the invite id (`jti`) that the customer's metadata
 * also holds: issuing a new invite, or accepting one, makes earlier ones void.
 */

export const EMPLOYEE_INVITE_AUDIENCE = "backy:employee-invite"
/** Long enough for a colleague back from holiday; staff can issue a fresh one at any time. */
export const EMPLOYEE_INVITE_TTL_SECONDS = 14 * 86_400

export type EmployeeInviteClaims = {
  /** The invite id; equals the customer's `metadata.employee_invite_id` while the invite is valid. */
  invite_id: string
  employee_id: string
  customer_id: string
  /** The staff-created customer's e-mail, lower-cased. */
  email: string
}

export type EmployeeInviteErrorCode = "invite_invalid" | "invite_expired"

export class EmployeeInviteError extends Error {
  constructor(
    readonly code: EmployeeInviteErrorCode,
    message: string,
    override readonly cause?: unknown
  ) {
    super(message)
    this.name = this.constructor.name
  }
}

/** The hub's JWT secret, as Medusa's config holds it. */
export type InviteSecret = string | Buffer

/** A random invite id, unguessable (it is also the revocation handle). */
export function newInviteId(): string {
  return `inv_${randomBytes(16).toString("base64url")}`
}

/** Derived, so that the invite key never signs anything else. */
function inviteKey(secret: InviteSecret): Uint8Array {
  return createHmac("sha256", secret).update(EMPLOYEE_INVITE_AUDIENCE).digest()
}

export async function signEmployeeInvite(
  secret: InviteSecret,
  claims: EmployeeInviteClaims,
  now = new Date()
): Promise<{ token: string; expires_at: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000)
  const expiresAt = issuedAt + EMPLOYEE_INVITE_TTL_SECONDS
  const token = await new SignJWT({ cid: claims.customer_id, email: claims.email.toLowerCase() })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setAudience(EMPLOYEE_INVITE_AUDIENCE)
    .setSubject(claims.employee_id)
    .setJti(claims.invite_id)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(inviteKey(secret))
  return { token, expires_at: new Date(expiresAt * 1000) }
}

/** The invite's claims; throws EmployeeInviteError (`invite_expired` or `invite_invalid`). */
export async function verifyEmployeeInvite(
  secret: InviteSecret,
  token: string,
  now = new Date()
): Promise<EmployeeInviteClaims> {
  let payload: Record<string, unknown>
  try {
    ;({ payload } = await jwtVerify(token, inviteKey(secret), {
      audience: EMPLOYEE_INVITE_AUDIENCE,
      algorithms: ["HS256"],
      currentDate: now,
      requiredClaims: ["sub", "jti", "exp"],
    }))
  } catch (e) {
    if (e instanceof errors.JWTExpired)
      throw new EmployeeInviteError("invite_expired", "the invite has expired; ask for a new one", e)
    throw new EmployeeInviteError("invite_invalid", "the invite is not valid", e)
  }
  const { sub, jti, cid, email } = payload
  if (typeof cid !== "string" || typeof email !== "string")
    throw new EmployeeInviteError("invite_invalid", "the invite is not valid")
  return { invite_id: jti as string, employee_id: sub as string, customer_id: cid, email }
}
