// Whose data a hub event carries, so that only partners granted that company and channel receive it (partner-grants.ts).
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { B2B_MODULE } from "../../../modules/b2b"
import type B2bModuleService from "../../../modules/b2b/service"
import { INVOICING_MODULE } from "../../../modules/invoicing"
import type InvoicingModuleService from "../../../modules/invoicing/service"
import { QUOTE_MODULE } from "../../../modules/quote"
import type QuoteModuleService from "../../../modules/quote/service"
import type { EventScope } from "../../../modules/outbox/lib/partner-grants"

/** The company and its ancestors, nearest first: a grant on a parent covers its subsidiaries. */
async function companyChain(container: MedusaContainer, companyId: string | null | undefined): Promise<string[]> {
  if (!companyId) return []
  const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
  return [companyId, ...(await b2b.listAncestorIds(companyId))]
}

async function graphOne<T>(
  container: MedusaContainer,
  entity: string,
  fields: string[],
  id: string
): Promise<T | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity, fields, filters: { id } })
  return (data[0] as T | undefined) ?? null
}

async function orderScope(container: MedusaContainer, orderId: string, companyId?: string): Promise<EventScope> {
  const order = await graphOne<{ sales_channel_id: string | null; metadata: Record<string, unknown> | null }>(
    container,
    "order",
    ["id", "sales_channel_id", "metadata"],
    orderId
  )
  const company = companyId ?? (order?.metadata?.company_id as string | undefined)
  return { company_ids: await companyChain(container, company), sales_channel_id: order?.sales_channel_id ?? null }
}

/**
 * The scope of an event about `resource_type`/`resource_id`: orders (their
 * company from the order metadata the checkout writes), invoices (their
 * company and order's channel), quotes and approval requests (their company
 * and cart's channel). Undefined for resources that carry no company's data
 * (webhook endpoints: those events go to their own partner).
 */
export async function eventScope(
  container: MedusaContainer,
  resource: { resource_type: string; resource_id: string }
): Promise<EventScope | undefined> {
  switch (resource.resource_type) {
    case "order":
      return await orderScope(container, resource.resource_id)
    case "invoice": {
      const invoicing = container.resolve<InvoicingModuleService>(INVOICING_MODULE)
      const [invoice] = await invoicing.listInvoices(
        { id: resource.resource_id },
        { select: ["order_id", "company_id"] }
      )
      if (!invoice) return { company_ids: [], sales_channel_id: null }
      return await orderScope(container, invoice.order_id, invoice.company_id)
    }
    case "quote": {
      const quotes = container.resolve<QuoteModuleService>(QUOTE_MODULE)
      const [quote] = await quotes.listQuotes(
        { id: resource.resource_id },
        { select: ["company_id", "sales_channel_id"] }
      )
      return {
        company_ids: await companyChain(container, quote?.company_id),
        sales_channel_id: quote?.sales_channel_id ?? null,
      }
    }
    case "approval_request": {
      const b2b = container.resolve<B2bModuleService>(B2B_MODULE)
      const [request] = await b2b.listApprovalRequests(
        { id: resource.resource_id },
        { select: ["company_id", "cart_id"] }
      )
      const cart = request
        ? await graphOne<{ sales_channel_id: string | null }>(
            container,
            "cart",
            ["id", "sales_channel_id"],
            request.cart_id
          )
        : null
      return {
        company_ids: await companyChain(container, request?.company_id),
        sales_channel_id: cart?.sales_channel_id ?? null,
      }
    }
    default:
      return undefined
  }
}
