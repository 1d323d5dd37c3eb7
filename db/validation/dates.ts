import dayjs from 'dayjs'
import { LedgerError } from '../core/errors'

// Strict on shape and on the calendar: dayjs rolls 2026-02-30 over into March, so only a string
// that survives the round trip is a real date.
export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s).format('YYYY-MM-DD') === s
}

export function requireDate(s: string | null | undefined, label: string): string {
  const value = (s ?? '').trim()
  if (value === '') throw new LedgerError('required', `请填写${label}`)
  if (!isIsoDate(value)) throw new LedgerError('invalid_date', `${label}不是有效日期：${value}`)
  return value
}

export function isYearMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s) && isIsoDate(`${s}-01`)
}

// nextFirst is there so queries can use `date < nextFirst` and never worry about month lengths.
export function monthRange(ym: string): { first: string; last: string; nextFirst: string } {
  if (!isYearMonth(ym)) throw new LedgerError('invalid_month', `不是有效月份：${ym}`)
  const first = dayjs(`${ym}-01`)
  return {
    first: first.format('YYYY-MM-DD'),
    last: first.endOf('month').format('YYYY-MM-DD'),
    nextFirst: first.add(1, 'month').format('YYYY-MM-DD'),
  }
}
