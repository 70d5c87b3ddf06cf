import { buyerClosesAs } from "../../close-as"

/** POST /store/b2b/quotes/:id/request-revision { message } — back to staff for another version. */
export const POST = buyerClosesAs("request_revision")
