/** Registered as `fp_{identifier}_{id}`; shipping options and stock locations use `{identifier}_{id}`. */
export const ERP_FULFILLMENT_IDENTIFIER = "erp"
export const ERP_FULFILLMENT_PROVIDER_ID = "erp_erp"
