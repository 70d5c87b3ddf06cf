import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import ErpFulfillmentProviderService from "./service"

export default ModuleProvider(Modules.FULFILLMENT, { services: [ErpFulfillmentProviderService] })
