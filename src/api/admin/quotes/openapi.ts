import { z } from "@medusajs/framework/zod"
import { STAFF, type Operation } from "../../openapi/operation"
import { QuoteEnvelope, QuoteMessageView, QuoteSummary } from "../../utils/openapi/quote-schemas"
import {
  AdminReviseQuoteBody,
  AdminSendQuoteBody,
  ListQuotesQuery,
  QuoteMessageBody,
  QuoteReasonBody,
} from "../../utils/quote-validators"
import { NoQuery } from "../../utils/validate-query"

const TAG = "Quotes"

/** Merchant staff (admin API): in the staff document only. */
const staff = (op: Omit<Operation, "audiences" | "security">): Operation => ({ ...op, audiences: [], security: STAFF })

export const adminQuotesOperations: Operation[] = [
  staff({
    method: "get",
    path: "/admin/quotes",
    operationId: "listQuotes",
    summary: "Quotes of every company, newest first, filtered by status or company; offset-paged",
    tags: [TAG],
    query: ListQuotesQuery,
    responses: {
      200: {
        description: "A page of quotes (without versions and thread)",
        schema: z.object({
          quotes: z.array(QuoteSummary),
          count: z.number().int(),
          limit: z.number().int(),
          offset: z.number().int(),
        }),
      },
    },
  }),
  staff({
    method: "get",
    path: "/admin/quotes/{id}",
    operationId: "getQuote",
    summary: "A quote with every version (drafts not yet sent included) and its thread",
    tags: [TAG],
    query: NoQuery,
    responses: { 200: { description: "The quote", schema: QuoteEnvelope } },
  }),
  staff({
    method: "post",
    path: "/admin/quotes/{id}/versions",
    operationId: "reviseQuote",
    summary: "A new version (a draft until sent); omitted fields keep the previous version's",
    description:
      "Pass `based_on_version` (the version the revision was made from): if another revision landed since, the answer is 409 `quote_version_superseded`. A quote no longer open is 409 `quote_not_open`.",
    tags: [TAG],
    body: AdminReviseQuoteBody,
    errors: [409],
    responses: { 201: { description: "The quote with its new version", schema: QuoteEnvelope } },
  }),
  staff({
    method: "get",
    path: "/admin/quotes/{id}/versions/{version}/pdf",
    operationId: "getQuoteVersionPdf",
    summary: "Any version of a quote as a printable PDF",
    tags: [TAG],
    params: z.object({ id: z.string().min(1), version: z.string().regex(/^[1-9]\d*$/) }),
    query: NoQuery,
    responses: {
      200: {
        description: "The PDF (inline)",
        contentType: "application/pdf",
        schema: z.string().meta({ format: "binary" }),
      },
    },
  }),
  staff({
    method: "post",
    path: "/admin/quotes/{id}/send",
    operationId: "sendQuote",
    summary: "Send the latest version to the buyer, who may accept it until it expires",
    description: "`version`, if given, must be the latest (409 otherwise); a quote no longer open is 409.",
    tags: [TAG],
    body: AdminSendQuoteBody,
    errors: [409],
    responses: { 200: { description: "Sent", schema: QuoteEnvelope } },
  }),
  staff({
    method: "post",
    path: "/admin/quotes/{id}/withdraw",
    operationId: "withdrawQuote",
    summary: "Take back a quote that is still open, with an optional message for the thread",
    tags: [TAG],
    body: QuoteReasonBody,
    errors: [409],
    responses: { 200: { description: "Withdrawn", schema: QuoteEnvelope } },
  }),
  staff({
    method: "post",
    path: "/admin/quotes/{id}/messages",
    operationId: "postQuoteMessage",
    summary: "Write in the quote's thread (about the latest version unless `version` says otherwise)",
    tags: [TAG],
    body: QuoteMessageBody,
    responses: { 201: { description: "Posted", schema: z.object({ message: QuoteMessageView }) } },
  }),
]
