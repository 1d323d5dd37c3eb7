import type { SpinProps } from 'antd'
import type { ReactNode } from 'react'

/** How long an answer may keep a list waiting before its spinner is drawn. */
export const SPINNER_PAUSE_MS = 200

/** Not null: antd reads a null empty text as none given and puts its own 暂无数据 back. */
const NOTHING_YET = ' '

/**
 * A table's or list's spinner and empty text while its rows are on their way: the spinner only for
 * an answer that keeps the clerk waiting (drawn and taken down again within a few frames it is only
 * work), and no "nothing here" before the first answer has come (after a failed one, the screen's
 * error says why the list is empty).
 */
export function listWaiting(
  loading: boolean,
  answered: boolean,
  emptyText: ReactNode,
): { loading: SpinProps; locale: { emptyText: ReactNode } } {
  return { loading: { spinning: loading, delay: SPINNER_PAUSE_MS }, locale: { emptyText: answered ? emptyText : NOTHING_YET } }
}
