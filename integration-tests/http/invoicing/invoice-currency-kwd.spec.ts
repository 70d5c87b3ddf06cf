import { currencySuite, MARKETS } from "./currency-suite"

// Three-decimal currency: real KWD orders, Stripe total = Medusa total to the fils.
currencySuite(MARKETS.kwd, [41_340, 41_349])
