// Matches customers by e-mail the way people mean it, for the employee sign-up and invite checks.

/** `_` and `%` are common in e-mails and must not act as ILIKE wildcards. */
const literal = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`)

/** A customer-module filter for `email`, ignoring case and surrounding spaces (Medusa keeps e-mails as typed; people do not). */
export const sameEmail = (email: string) => ({ $ilike: literal(email.trim()) })
