import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import NetTermsProviderService from "./service"

export default ModuleProvider(Modules.PAYMENT, { services: [NetTermsProviderService] })
