import { codeList, type CodeOf } from './define'

/** What kind of period a summary covers, as the 统计 screen's picker offers them. */
export const periodKind = codeList({
  month: '月',
  quarter: '季度',
  half: '半年',
  year: '年',
  months: '连续月份',
  days: '自定义日期',
  all: '建账以来',
})
export type PeriodKind = CodeOf<typeof periodKind>
