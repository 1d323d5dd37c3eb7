// Numbers the ledger, the contract and the screens must agree on.

/** An open issue is 临期 (due soon) when its deadline is within this many working days. */
export const DUE_SOON_WORKDAYS = 3

/** Matters one visit may raise. */
export const MAX_MATTERS_PER_VISIT = 20

/** The largest page any list call returns. */
export const MAX_PAGE_SIZE = 200

// The statutory numbers of the 信访 procedure, in calendar days: 《信访条例》 (2005) arts. 22 and
// 33–35, 《信访工作条例》 (2022) arts. 32, 35 and 36 (README, 信访). Calendar days do not skip holidays.

/** Decide 受理 / 不予受理 / 转送 and tell the visitor in writing within this many days of registration. */
export const PETITION_NOTICE_DAYS = 15

/** Handle an accepted 信访事项 within this many days of its acceptance. */
export const PETITION_HANDLING_DAYS = 60

/** One extension, of at most this many days, approved by the unit's head. */
export const PETITION_EXTENSION_MAX_DAYS = 30

/** The visitor may ask for 复查 (then 复核) within this many days of receiving the answer. */
export const PETITION_REVIEW_REQUEST_DAYS = 30

/** A 复查 (or 复核) is answered within this many days of the request. */
export const PETITION_REVIEW_ANSWER_DAYS = 30

/** A statutory clock is 临期 once this share of its time is used. */
export const CLOCK_DUE_SOON_SHARE = 0.75
