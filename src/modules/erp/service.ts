import { MedusaService } from "@medusajs/framework/utils"
import { ErpConnection } from "./models/erp-connection"
import { ErpOrderLink } from "./models/erp-order-link"

class ErpModuleService extends MedusaService({ ErpConnection, ErpOrderLink }) {}

export default ErpModuleService
