import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { OUTBOX_MODULE } from "../../../modules/outbox"
import type OutboxModuleService from "../../../modules/outbox/service"
import { partnerOf } from "../../utils/partner-request"

/**
 * GET /partners/grants — what business data the caller's endpoints receive:
 * events about orders, invoices, quotes and approvals of these sales channels
 * ("*" = all) and, when `company_ids` is not empty, only of these companies
 * and their subsidiaries. Staff set them.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const hub = req.scope.resolve<OutboxModuleService>(OUTBOX_MODULE)
  const partner = await hub.partnerRow(partnerOf(req).id)
  if (!partner) throw new MedusaError(MedusaError.Types.NOT_FOUND, "Partner not found")
  res.json({
    grants: { sales_channel_ids: partner.grant_sales_channel_ids, company_ids: partner.grant_company_ids },
  })
}
