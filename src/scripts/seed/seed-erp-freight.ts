import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createShippingOptionsWorkflow } from "@medusajs/medusa/core-flows"
import { ERP_FULFILLMENT_PROVIDER_ID } from "../../modules/providers/erp-fulfillment/constants"

export const ERP_FREIGHT_OPTION_NAME = "Warehouse freight (ERP)"

/**
 * A shipping option fulfilled by the ERP/WMS (`erp_erp`) next to an existing
 * manual one: same zone and profile, the stock location allowed to use the
 * ERP provider. Returns the option's id; reruns find the one they made.
 */
export async function seedErpFreightOption(
  container: MedusaContainer,
  input: {
    stock_location_id: string
    template_option_id: string
    region_id: string
    currency_code: string
    amount: number
  }
): Promise<string> {
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const [existing] = await fulfillment.listShippingOptions({ name: ERP_FREIGHT_OPTION_NAME })
  if (existing) return existing.id

  const link = container.resolve(ContainerRegistrationKeys.LINK)
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: input.stock_location_id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: ERP_FULFILLMENT_PROVIDER_ID },
  })
  const template = await fulfillment.retrieveShippingOption(input.template_option_id)
  const { result } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: ERP_FREIGHT_OPTION_NAME,
        price_type: "flat",
        provider_id: ERP_FULFILLMENT_PROVIDER_ID,
        service_zone_id: template.service_zone_id,
        shipping_profile_id: template.shipping_profile_id,
        type: {
          label: "Warehouse",
          description: "Picked, packed and shipped by the warehouse through the ERP",
          code: "erp",
        },
        prices: [
          { currency_code: input.currency_code, amount: input.amount },
          { region_id: input.region_id, amount: input.amount },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })
  return result[0].id
}
