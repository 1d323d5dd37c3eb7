// Numbers the ledger, the contract and the screens must agree on.

/** An open issue is 临期 (due soon) when its deadline is within this many working days. */
export const DUE_SOON_WORKDAYS = 3

/** Matters one visit may raise. */
export const MAX_MATTERS_PER_VISIT = 20

/** The largest page any list call returns. */
export const MAX_PAGE_SIZE = 200
