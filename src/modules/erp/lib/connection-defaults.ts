/**
 * What a new ERP connection gets when the admin leaves a value out. The
 * model's column defaults (models/erp-connection.ts) are these same values,
 * so a row written any other way agrees.
 */
export const ERP_CONNECTION_DEFAULTS = {
  enabled: true,
  /** Syncs in flight to the ERP at most, across every worker. */
  concurrency: 10,
  /** Tries of one sync before it is marked failed. */
  max_attempts: 12,
  /** First retry delay; later ones grow exponentially (capped at an hour). */
  retry_base_ms: 5000,
} as const
