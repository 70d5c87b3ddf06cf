import { z } from "@medusajs/framework/zod"
import { headerNameProblem, headerValueProblem } from "../../../webhooks"
import { isoDate } from "./zod-fields"

const MAX_GRACE_MS = 7 * 24 * 60 * 60 * 1000

const endpointFields = {
  url: z.string().min(1).max(2048),
  event_types: z.array(z.string().min(1).max(100)).min(1).max(50),
  description: z.string().max(500).nullable().optional(),
  headers: z
    .record(z.string().min(1).max(100), z.string().max(1000))
    .superRefine((headers, ctx) => {
      // A header the sender cannot put on the wire would fail every delivery of the endpoint.
      for (const [name, value] of Object.entries(headers)) {
        const problem = headerNameProblem(name) ?? headerValueProblem(value)
        if (problem) ctx.addIssue({ code: "custom", path: [name], message: problem })
      }
    })
    .nullable()
    .optional(),
  retry_schedule_ms: z.array(z.number().int().min(0)).min(1).max(50).nullable().optional(),
  max_concurrency: z.number().int().min(1).max(256).nullable().optional(),
  rate_limit_per_second: z.number().int().min(1).max(10_000).nullable().optional(),
}

export type CreateEndpointType = z.infer<typeof CreateEndpoint>
export const CreateEndpoint = z.object(endpointFields).strict()

export type UpdateEndpointType = z.infer<typeof UpdateEndpoint>
export const UpdateEndpoint = z
  .object({
    url: endpointFields.url.optional(),
    event_types: endpointFields.event_types.optional(),
    description: endpointFields.description,
    headers: endpointFields.headers,
    retry_schedule_ms: endpointFields.retry_schedule_ms,
    max_concurrency: endpointFields.max_concurrency,
    rate_limit_per_second: endpointFields.rate_limit_per_second,
    /** false disables the endpoint (its pending deliveries fail as endpoint_disabled); true re-enables it. */
    enabled: z.boolean().optional(),
  })
  .strict()

export type RotateSecretType = z.infer<typeof RotateSecret>
export const RotateSecret = z
  .object({
    /** How long the old secret keeps signing; default 24 h, at most 7 days. */
    grace_period_ms: z.number().int().min(0).max(MAX_GRACE_MS).optional(),
  })
  .strict()

export type RecoverEndpointType = z.infer<typeof RecoverEndpoint>
export const RecoverEndpoint = z.object({ since: isoDate(), until: isoDate().optional() }).strict()

export const EmptyBody = z.object({}).strict()

export const DELIVERY_STATUS_VALUES = ["pending", "delivered", "failed", "canceled"] as const

export type ListDeliveriesType = z.infer<typeof ListDeliveries>
export const ListDeliveries = z
  .object({
    endpoint_id: z.string().min(1).optional(),
    status: z.enum(DELIVERY_STATUS_VALUES).optional(),
    event_type: z.string().min(1).optional(),
    event_id: z.string().min(1).optional(),
    since: isoDate().optional(),
    until: isoDate().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).optional(),
  })
  .strict()
