import { LedgerError } from '../core/errors'

// Dates as whole days since 1970-01-01 in UTC arithmetic: no local-time or daylight-saving
// shifts, and "the next day" is a plain +1 in the hot loops.

export const MS_PER_DAY = 86_400_000

export function toDayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
    if (new Date(ms).toISOString().slice(0, 10) === date) return ms / MS_PER_DAY
  }
  throw new LedgerError('invalid_date', `不是有效日期：${date}`)
}

export function toIsoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  return toIsoDate(toDayNumber(date) + days)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCDay()
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4))
}
