/** Hub events that an ERP connection consumes (an order upsert or cancel). */
export const ERP_EVENT_TYPES = ["order.placed", "order.updated", "order.canceled"]
