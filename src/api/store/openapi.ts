import type { Operation } from "../openapi/operation"
import { CUSTOMER } from "../openapi/operation"
import { customerUnauthorized, StoreCustomerEnvelope, StoreSignUpBody } from "../utils/openapi/store-schemas"

/**
 * backy's routes inside Medusa's store area (see src/api/partners/openapi.ts).
 * POST /store/customers replaces Medusa's sign-up route; Medusa's own
 * middlewares for it still run (the registration token, its body schema and
 * `fields`), so no backy middleware validates it: the route checks the
 * invite itself.
 */
export const storeOperations: Operation[] = [
  {
    method: "post",
    path: "/store/customers",
    operationId: "registerStoreCustomer",
    summary:
      "Sign up (after POST /auth/customer/emailpass/register); with `metadata.invite_token`, as the invited employee",
    description:
      "Authenticated with the registration token (a customer bearer token that names no customer yet). Without an invite, an employee's e-mail is refused (400); with one, the token must be valid and the e-mail the invited one (400 naming `metadata.invite_token` or `email`). 422 when the e-mail already has an account.",
    tags: ["Customers"],
    audiences: ["store"],
    security: CUSTOMER,
    body: StoreSignUpBody,
    validatedByRoute: true,
    errors: [422],
    responses: { 200: { description: "The new customer", schema: StoreCustomerEnvelope }, 401: customerUnauthorized },
  },
]
