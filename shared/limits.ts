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
/** 重复件: an earlier issue about the same 被反映对象 or visitor and category within this many days (设置). */
export const DEFAULT_REPEAT_WINDOW_DAYS = 90

/** 集体访: a visit of this many people or more (设置). */
export const DEFAULT_COLLECTIVE_HEADCOUNT = 5

/** Extensions one issue may have, and how far past its first deadline they may reach, in working days (设置). */
export const DEFAULT_MAX_EXTENSIONS = 2
export const DEFAULT_EXTENSION_CEILING_WORKDAYS = 30

/** 罚款金额 refused above this many 元: a typo of extra zeros, not a fine a county bureau sets. */
export const MAX_FINE_YUAN = 100_000_000

/** The largest file on an issue, 20 MB: a phone photo, or a scanned letter of several pages. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024

/** How long the clerk who registered a visit may still correct it themselves (calendar days, the day itself included). */
export const CORRECTION_DAYS = 7
