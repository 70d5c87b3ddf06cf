import { z } from "@medusajs/framework/zod"
import type { Operation } from "../../openapi/operation"
import { STAFF } from "../../openapi/operation"
import {
  ErpConnection,
  ErpConnectionPage,
  ErpConnectionTest,
  ErpOrderSyncStatus,
  ErpPullClient,
  ErpPullClientPage,
  ErpPullClientWithSecret,
  ErpSyncDetail,
  ErpSyncPage,
} from "../../utils/openapi/erp-schemas"
import { DeletedObject } from "../../utils/openapi/webhook-schemas"
import { NoQuery } from "../../utils/validate-query"
import {
  AdminCreateErpConnection,
  AdminCreatePullClient,
  AdminListErpConnections,
  AdminListErpSyncs,
  AdminListPullClients,
  AdminUpdateErpConnection,
} from "./validators"

const TAG_CONNECTIONS = "ERP connections"
const TAG_PULL_CLIENTS = "ERP pull clients"
const TAG_SYNCS = "ERP syncs"

/** /admin/erp/*: staff only (in the staff document only). */
const admin = (op: Omit<Operation, "audiences" | "security">): Operation => ({ ...op, audiences: [], security: STAFF })

/**
 * The body-less POST and DELETE routes: the JSON body parser still reads a body
 * sent to them and answers 413 for an oversized one (document.ts adds 413 only
 * to operations with a documented body).
 */
const BODY_TOO_LARGE = [413]

const connection = z.object({ connection: ErpConnection })
const pullClient = z.object({ pull_client: ErpPullClient })

/** This area's operations, as documented in the OpenAPI documents (see src/api/partners/openapi.ts). */
export const adminErpOperations: Operation[] = [
  /* Connections */
  admin({
    method: "get",
    path: "/admin/erp/connections",
    operationId: "listErpConnections",
    summary: "ERP connections, oldest first (credentials never included)",
    tags: [TAG_CONNECTIONS],
    query: AdminListErpConnections,
    responses: { 200: { description: "A page of connections", schema: ErpConnectionPage } },
  }),
  admin({
    method: "post",
    path: "/admin/erp/connections",
    operationId: "createErpConnection",
    summary:
      "Connect an ERP; settings and credentials are checked by building its adapter (400 naming what is missing)",
    tags: [TAG_CONNECTIONS],
    body: AdminCreateErpConnection,
    responses: { 201: { description: "Created", schema: connection } },
  }),
  admin({
    method: "get",
    path: "/admin/erp/connections/{id}",
    operationId: "getErpConnection",
    summary: "One ERP connection",
    tags: [TAG_CONNECTIONS],
    responses: { 200: { description: "The connection", schema: connection } },
  }),
  admin({
    method: "post",
    path: "/admin/erp/connections/{id}",
    operationId: "updateErpConnection",
    summary:
      "Change a connection: `settings` and `credentials` replace the stored ones (`credentials: null` removes them)",
    tags: [TAG_CONNECTIONS],
    body: AdminUpdateErpConnection,
    responses: { 200: { description: "Updated", schema: connection } },
  }),
  admin({
    method: "delete",
    path: "/admin/erp/connections/{id}",
    operationId: "deleteErpConnection",
    summary: "Remove a connection; its pending syncs are canceled (the sync log stays)",
    tags: [TAG_CONNECTIONS],
    errors: BODY_TOO_LARGE,
    responses: { 200: { description: "Deleted", schema: DeletedObject("erp_connection") } },
  }),
  admin({
    method: "post",
    path: "/admin/erp/connections/{id}/test",
    operationId: "testErpConnection",
    summary:
      "One authenticated call to the ERP: reachability, credentials, latency, circuit breaker (`ok` says whether it answered)",
    tags: [TAG_CONNECTIONS],
    errors: BODY_TOO_LARGE,
    responses: { 200: { description: "The ERP's health", schema: ErpConnectionTest } },
  }),
  /* Syncs */
  admin({
    method: "get",
    path: "/admin/erp/orders/{id}/sync",
    operationId: "getErpOrderSync",
    summary: "Where an order stands with each ERP connection, and every sync made for it",
    tags: [TAG_SYNCS],
    query: NoQuery,
    responses: { 200: { description: "The order's syncs", schema: ErpOrderSyncStatus } },
  }),
  admin({
    method: "get",
    path: "/admin/erp/syncs",
    operationId: "listErpSyncs",
    summary: "ERP syncs, newest first, filtered by status, connection or order",
    tags: [TAG_SYNCS],
    query: AdminListErpSyncs,
    responses: { 200: { description: "A page of syncs", schema: ErpSyncPage } },
  }),
  admin({
    method: "get",
    path: "/admin/erp/syncs/{id}",
    operationId: "getErpSync",
    summary: "One ERP sync with every attempt (outcome, HTTP status, duration, error)",
    tags: [TAG_SYNCS],
    responses: { 200: { description: "The sync", schema: ErpSyncDetail } },
  }),
  admin({
    method: "post",
    path: "/admin/erp/syncs/{id}/retry",
    operationId: "retryErpSync",
    summary: "Send the order's latest state to that connection again now, with a fresh retry schedule",
    description: "400 when the sync's connection was removed or is disabled.",
    tags: [TAG_SYNCS],
    errors: BODY_TOO_LARGE,
    responses: { 202: { description: "Scheduled", schema: ErpSyncDetail } },
  }),
  /* Pull clients */
  admin({
    method: "get",
    path: "/admin/erp/pull-clients",
    operationId: "listErpPullClients",
    summary: "ERP pull clients, oldest first (never a secret)",
    tags: [TAG_PULL_CLIENTS],
    query: AdminListPullClients,
    responses: { 200: { description: "A page of pull clients", schema: ErpPullClientPage } },
  }),
  admin({
    method: "post",
    path: "/admin/erp/pull-clients",
    operationId: "createErpPullClient",
    summary: "Issue OAuth client credentials to an ERP that pulls orders; the secret is returned once",
    description: "Unknown sales channels or companies are refused (400 naming the field).",
    tags: [TAG_PULL_CLIENTS],
    body: AdminCreatePullClient,
    responses: { 201: { description: "Created", schema: ErpPullClientWithSecret } },
  }),
  admin({
    method: "get",
    path: "/admin/erp/pull-clients/{id}",
    operationId: "getErpPullClient",
    summary: "One ERP pull client",
    tags: [TAG_PULL_CLIENTS],
    responses: { 200: { description: "The pull client", schema: pullClient } },
  }),
  admin({
    method: "post",
    path: "/admin/erp/pull-clients/{id}/revoke",
    operationId: "revokeErpPullClient",
    summary: "Revoke a pull client: no new tokens, and the ones it holds stop working (idempotent)",
    tags: [TAG_PULL_CLIENTS],
    errors: BODY_TOO_LARGE,
    responses: { 200: { description: "Revoked", schema: pullClient } },
  }),
]
