import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import B2bModule from "../modules/b2b"

/** The Medusa customer an employee logs in as (one company per customer). */
export default defineLink(B2bModule.linkable.employee, CustomerModule.linkable.customer)
