import { currencySuite, MARKETS } from "./currency-suite"

// No decimals in ISO, two-decimal whole krónur at Stripe: real ISK orders, Stripe total = Medusa total to the króna.
currencySuite(MARKETS.isk, [41_350, 41_359])
