import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Text } from "@medusajs/ui"
import { ApiError } from "../components/api-error"
import { OrderInvoiceCard } from "../components/invoices/order-invoice-card"
import type { InvoiceListResponse } from "../components/invoices/types"
import { PageSection } from "../components/page-section"
import { useAdminGet } from "../lib/query"

/** On Medusa's order page: the order's invoices (first, reissued, supplementary) and their credit notes. */
const OrderInvoicesWidget = ({ data }: DetailWidgetProps<AdminOrder>) => {
  const list = useAdminGet<InvoiceListResponse>("/admin/invoices", { order_id: data.id, limit: 50 })
  const invoices = list.data?.invoices ?? []
  return (
    <PageSection title="Invoices" subtitle="Stripe invoices and credit notes of this order">
      <ApiError error={list.error} />
      {invoices.length ? (
        invoices.map((invoice) => <OrderInvoiceCard key={invoice.id} invoice={invoice} />)
      ) : (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          {list.isLoading ? "Loading…" : "No invoice (not a net-terms order, or not issued yet)"}
        </Text>
      )}
    </PageSection>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.after" })
export default OrderInvoicesWidget
