/** Registered as `pp_{identifier}_{id}` by Medusa's payment module loader. */
export const NET_TERMS_IDENTIFIER = "net-terms"
export const NET_TERMS_PROVIDER_ID = "pp_net-terms_net-terms"
