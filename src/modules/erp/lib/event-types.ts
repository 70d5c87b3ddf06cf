/**
 * Hub events that an ERP connection consumes: an order upsert or cancel, and a received return
 * (the return's own document where the ERP has one, else the updated order).
 */
export const ERP_EVENT_TYPES = ["order.placed", "order.updated", "order.canceled", "order.returned"]
