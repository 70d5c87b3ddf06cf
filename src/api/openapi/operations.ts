import { adminApprovalRequestsOperations } from "../admin/approval-requests/openapi"
import { adminCompaniesOperations } from "../admin/companies/openapi"
import { adminContractsOperations } from "../admin/contracts/openapi"
import { adminDraftOrdersOperations } from "../admin/draft-orders/openapi"
import { adminErpOperations } from "../admin/erp/openapi"
import { adminInvoicesOperations } from "../admin/invoices/openapi"
import { adminOrderEditsOperations } from "../admin/order-edits/openapi"
import { adminQuotesOperations } from "../admin/quotes/openapi"
import { adminWebhooksOperations } from "../admin/webhooks/openapi"
import { erpOperations } from "../erp/openapi"
import { partnerOperations } from "../partners/openapi"
import { storeB2bOperations } from "../store/b2b/openapi"
import { storeOperations } from "../store/openapi"
import type { Operation } from "./operation"
import { opsOperations } from "./ops-operations"

/**
 * Every operation of backy's API, gathered from the areas' `openapi.ts`
 * (one import + one spread per area, as src/api/middlewares.ts gathers their
 * middlewares). src/api/openapi/__tests__ holds it to the route files.
 */
export const OPERATIONS: Operation[] = [
  ...erpOperations,
  ...partnerOperations,
  ...storeOperations,
  ...storeB2bOperations,
  ...adminCompaniesOperations,
  ...adminContractsOperations,
  ...adminApprovalRequestsOperations,
  ...adminQuotesOperations,
  ...adminInvoicesOperations,
  ...adminOrderEditsOperations,
  ...adminDraftOrdersOperations,
  ...adminErpOperations,
  ...adminWebhooksOperations,
  ...opsOperations,
]
