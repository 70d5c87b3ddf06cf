import { z } from "@medusajs/framework/zod"
import { STAFF, type Operation } from "../../openapi/operation"
import {
  AdminContract,
  AdminContractPage,
  ContractCredit,
  ContractPreview,
  ContractRule,
} from "../../utils/openapi/b2b-admin-schemas"
import { DeletedObject } from "../../utils/openapi/webhook-schemas"
import { NoQuery } from "../../utils/validate-query"
import {
  AdminAddContractRules,
  AdminCreateContract,
  AdminGetContractParams,
  AdminGetContractsParams,
  AdminPreviewContractPrices,
  AdminUpdateContract,
  AdminUpdateContractRule,
} from "./validators"

const TAG_CONTRACTS = "Contracts"
const TAG_RULES = "Contract price rules"

/** Merchant staff (admin API): in the staff document only. */
const staff = (op: Omit<Operation, "audiences" | "security">): Operation => ({ ...op, audiences: [], security: STAFF })

const ContractEnvelope = z.object({ contract: AdminContract })

export const adminContractsOperations: Operation[] = [
  staff({
    method: "get",
    path: "/admin/contracts",
    operationId: "listContracts",
    summary: "Contracts (without their rules), filtered by company, currency or status; offset-paged",
    tags: [TAG_CONTRACTS],
    query: AdminGetContractsParams,
    responses: { 200: { description: "A page of contracts", schema: AdminContractPage } },
  }),
  staff({
    method: "post",
    path: "/admin/contracts",
    operationId: "createContract",
    summary: "Create a contract with its price rules (an overlapping active contract is refused)",
    tags: [TAG_CONTRACTS],
    body: AdminCreateContract,
    responses: { 201: { description: "Created, with its rules", schema: ContractEnvelope } },
  }),
  staff({
    method: "get",
    path: "/admin/contracts/{id}",
    operationId: "getContract",
    summary: "A contract with its price rules",
    tags: [TAG_CONTRACTS],
    query: AdminGetContractParams,
    responses: { 200: { description: "The contract", schema: ContractEnvelope } },
  }),
  staff({
    method: "post",
    path: "/admin/contracts/{id}",
    operationId: "updateContract",
    summary: "Change a contract's terms (company and currency are fixed; rules have their own calls)",
    tags: [TAG_CONTRACTS],
    body: AdminUpdateContract,
    responses: { 200: { description: "Updated, with its rules", schema: ContractEnvelope } },
  }),
  staff({
    method: "delete",
    path: "/admin/contracts/{id}",
    operationId: "deleteContract",
    summary: "Delete a contract and its rules",
    tags: [TAG_CONTRACTS],
    responses: { 200: { description: "Deleted", schema: DeletedObject("contract") } },
  }),
  staff({
    method: "get",
    path: "/admin/contracts/{id}/credit",
    operationId: "getContractCredit",
    summary: "The live credit position of the contract's account: limit, open invoices, holds, what is left",
    tags: [TAG_CONTRACTS],
    query: NoQuery,
    responses: { 200: { description: "The credit position", schema: z.object({ credit: ContractCredit }) } },
  }),
  staff({
    method: "post",
    path: "/admin/contracts/{id}/preview",
    operationId: "previewContractPrices",
    summary: "Price a basket by this contract's rules, line by line with the rule and explanation (reads only)",
    tags: [TAG_CONTRACTS],
    body: AdminPreviewContractPrices,
    responses: { 200: { description: "The priced basket", schema: z.object({ preview: ContractPreview }) } },
  }),
  staff({
    method: "post",
    path: "/admin/contracts/{id}/rules",
    operationId: "addContractRules",
    summary: "Add one or more price rules to a contract",
    tags: [TAG_RULES],
    body: AdminAddContractRules,
    responses: {
      201: {
        description: "Added: the new rules' ids and the contract with all its rules",
        schema: z.object({ rule_ids: z.array(z.string()), contract: AdminContract }),
      },
    },
  }),
  staff({
    method: "post",
    path: "/admin/contracts/{id}/rules/{rule_id}",
    operationId: "updateContractRule",
    summary: "Change some fields of a price rule (checked as a whole rule; its type cannot change)",
    tags: [TAG_RULES],
    body: AdminUpdateContractRule,
    responses: { 200: { description: "Updated", schema: z.object({ rule: ContractRule }) } },
  }),
  staff({
    method: "delete",
    path: "/admin/contracts/{id}/rules/{rule_id}",
    operationId: "deleteContractRule",
    summary: "Delete a price rule of a contract",
    tags: [TAG_RULES],
    responses: { 200: { description: "Deleted", schema: DeletedObject("contract_price_rule") } },
  }),
]
