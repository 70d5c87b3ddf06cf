import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  rotateWebhookEndpointSecretStep,
  type RotateWebhookEndpointSecretStepInput,
} from "./steps/rotate-webhook-endpoint-secret"

export type RotateWebhookEndpointSecretWorkflowInput = RotateWebhookEndpointSecretStepInput

/**
 * A new signing secret for an endpoint, shown once; the old one keeps
 * signing too for the grace period, so the partner can switch without
 * rejecting deliveries. Used by `POST /partners/endpoints/:id/rotate-secret`
 * and `POST /admin/webhooks/endpoints/:id/rotate-secret`.
 *
 * @example
 * const { result } = await rotateWebhookEndpointSecretWorkflow(container).run({
 *   input: { id: "ep_…", grace_period_ms: 3_600_000 },
 * })
 */
export const rotateWebhookEndpointSecretWorkflow = createWorkflow(
  "rotate-webhook-endpoint-secret-workflow",
  (input: RotateWebhookEndpointSecretWorkflowInput) => {
    return new WorkflowResponse(rotateWebhookEndpointSecretStep(input))
  }
)
