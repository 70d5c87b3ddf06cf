import { Module } from "@medusajs/framework/utils"
import HubModuleService from "./service"

export const HUB_MODULE = "hub"

export default Module(HUB_MODULE, { service: HubModuleService })
