import { DATE_TIME, MINOR_AMOUNT, nullable, type EventTypeDefinition, type JsonSchema } from "./types"

const APPROVER: JsonSchema = { enum: ["approver", "company_admin", "merchant"] }

/** The approval request (src/modules/b2b/lib/approval-document.ts). */
const APPROVAL_REQUEST: JsonSchema = {
  type: "object",
  required: [
    "id",
    "company_id",
    "cart_id",
    "customer_id",
    "status",
    "currency_code",
    "total_minor",
    "levels",
    "current_level",
    "waiting_for",
    "decisions",
    "expires_at",
    "order_id",
  ],
  properties: {
    id: { type: "string", pattern: "^apreq_" },
    company_id: { type: "string" },
    cart_id: { type: "string" },
    customer_id: { type: "string", description: "The buyer who asked." },
    employee_id: { type: "string" },
    status: { enum: ["pending", "approved", "rejected", "expired", "canceled"] },
    currency_code: { type: "string", pattern: "^[a-z]{3}$" },
    total_minor: { ...MINOR_AMOUNT, description: "The cart total the approval is for." },
    levels: {
      type: "array",
      description: "Levels in the order they are decided, each with the rules that asked for it.",
      items: {
        type: "object",
        required: ["approver", "reasons"],
        properties: { approver: APPROVER, reasons: { type: "array", items: { type: "string" } } },
      },
    },
    current_level: { type: "integer", minimum: 0, description: "Index into levels of the one waiting." },
    waiting_for: nullable(APPROVER),
    decisions: {
      type: "array",
      items: {
        type: "object",
        required: ["level", "approver", "decision", "actor_type", "actor_id", "at"],
        properties: {
          level: { type: "integer" },
          approver: APPROVER,
          decision: { enum: ["approved", "rejected"] },
          actor_type: { enum: ["employee", "user"] },
          actor_id: { type: "string" },
          comment: nullable({ type: "string" }),
          at: DATE_TIME,
        },
      },
    },
    credit_override: { type: "boolean" },
    expires_at: DATE_TIME,
    decided_at: nullable(DATE_TIME),
    order_id: nullable({ type: "string", description: "Set once the approved cart became an order." }),
    created_at: DATE_TIME,
  },
}

const DATA: JsonSchema = {
  type: "object",
  required: ["approval_request"],
  properties: { approval_request: APPROVAL_REQUEST },
}

const approvalEvent = <T extends string>(type: T, description: string): EventTypeDefinition<T> => ({
  type,
  version: 1,
  resource: "approval_request",
  description,
  data: DATA,
  subscribable: true,
})

export const approvalRequested = approvalEvent(
  "approval.requested",
  "A company cart waits for approval (again for each further level): `waiting_for` says who decides next."
)
export const approvalApproved = approvalEvent(
  "approval.approved",
  "Every level approved the cart; `order_id` is the order it became."
)
export const approvalRejected = approvalEvent(
  "approval.rejected",
  "An approver rejected the cart (the last decision carries the comment); the buyer may change it and ask again."
)
export const approvalExpired = approvalEvent(
  "approval.expired",
  "Nobody decided in time; the cart is unlocked and a new checkout asks again."
)
