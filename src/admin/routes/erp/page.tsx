import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ServerStack } from "@medusajs/icons"
import { ConnectionsSection } from "../../components/erp/connections-section"
import { PullClientsSection } from "../../components/erp/pull-clients-section"
import { SyncsSection } from "../../components/erp/syncs-section"

/** The ERP integration: where orders go (connections, syncs) and who fetches them (pull clients). */
const ErpPage = () => (
  <div className="flex flex-col gap-3">
    <ConnectionsSection />
    <SyncsSection />
    <PullClientsSection />
  </div>
)

export const config = defineRouteConfig({ label: "ERP", icon: ServerStack })
export default ErpPage
