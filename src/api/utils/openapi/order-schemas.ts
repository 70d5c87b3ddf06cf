import { z } from "@medusajs/framework/zod"
import { named } from "../../openapi/schemas"

/**
 * Medusa's own order shapes, answered by the admin routes backy replaces at
 * Medusa's paths (order-edit confirmation, draft-order conversion) with
 * Medusa's response unchanged. Medusa documents them (AdminOrderPreview,
 * AdminOrder); here only what identifies them is listed, the rest left open
 * (`additionalProperties` allowed), as their fields are Medusa's and the
 * caller's `fields` choice.
 */

/** Medusa's AdminOrderPreview: the order as the confirmed change left it. */
export const MedusaOrderPreview = named(
  "MedusaOrderPreview",
  z
    .looseObject({
      id: z.string(),
      order_change: z
        .looseObject({ id: z.string(), change_type: z.string().nullable().optional(), status: z.string() })
        .meta({ description: "The change that was confirmed" }),
      items: z.array(z.looseObject({ id: z.string(), quantity: z.number(), unit_price: z.number() })),
      shipping_methods: z.array(z.looseObject({ id: z.string() })),
    })
    .meta({ description: "Medusa's AdminOrderPreview (see Medusa's admin API reference); further fields are Medusa's" })
)

/** Medusa's AdminOrder with the fields asked for (Medusa's draft-order retrieve fields by default). */
export const MedusaOrder = named(
  "MedusaOrder",
  z
    .looseObject({ id: z.string() })
    .meta({ description: "Medusa's AdminOrder with the requested `fields` (see Medusa's admin API reference)" })
)
