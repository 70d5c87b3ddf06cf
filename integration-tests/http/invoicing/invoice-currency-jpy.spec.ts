import { currencySuite, MARKETS } from "./currency-suite"

// Zero-decimal currency: real JPY orders, Stripe total = Medusa total to the yen.
currencySuite(MARKETS.jpy, [41_330, 41_339])
