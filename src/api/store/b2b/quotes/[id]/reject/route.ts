import { buyerClosesAs } from "../../close-as"

/** POST /store/b2b/quotes/:id/reject { message? } */
export const POST = buyerClosesAs("reject")
