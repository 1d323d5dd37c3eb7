// The numbers of signing in, shared by the ledger's rules and the screens that explain them.

/** Wrong PINs in a row before a name is locked, and for how long. */
export const MAX_FAILED_SIGN_INS = 5
export const LOCK_MINUTES = 15

/** A supervisor left signed in is signed out after this many idle minutes (设置 → 台账). */
export const SUPERVISOR_IDLE_MINUTES = { default: 10, min: 1, max: 120 } as const
