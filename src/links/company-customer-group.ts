import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import B2bModule from "../modules/b2b"

/**
 * Each company has its own Medusa customer group; its employees' customers are
 * members. Price lists, promotions and tax rules can target the group.
 */
export default defineLink(B2bModule.linkable.company, CustomerModule.linkable.customerGroup)
