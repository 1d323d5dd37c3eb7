import { describe, expect, it } from 'vitest'
import { isIsoDate, isYearMonth, monthRange, requireDate } from '../../db/validation/dates'
import { errorOf } from '../support/refusals'

describe('isIsoDate', () => {
  it('accepts a real YYYY-MM-DD date', () => {
    expect(isIsoDate('2026-02-28')).toBe(true)
  })

  it('rejects 30 February', () => {
    expect(isIsoDate('2026-02-30')).toBe(false)
  })

  it('accepts 29 February in a leap year', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
  })

  it('rejects 29 February 2100, which is not a leap year', () => {
    expect(isIsoDate('2100-02-29')).toBe(false)
  })

  it('rejects a date without zero padding', () => {
    expect(isIsoDate('2026-2-3')).toBe(false)
  })

  it('rejects a date with a time part', () => {
    expect(isIsoDate('2026-02-28T00:00')).toBe(false)
  })

  it('rejects a date with slashes', () => {
    expect(isIsoDate('2026/02/28')).toBe(false)
  })

  it('rejects a two-digit year padded to four digits', () => {
    expect(isIsoDate('0026-02-28')).toBe(false)
  })

  it('rejects month 13', () => {
    expect(isIsoDate('2026-13-01')).toBe(false)
  })
})

describe('requireDate', () => {
  it('returns a valid date', () => {
    expect(requireDate('2026-11-20', '接待日期')).toBe('2026-11-20')
  })

  it('trims surrounding spaces', () => {
    expect(requireDate(' 2026-11-20 ', '接待日期')).toBe('2026-11-20')
  })

  it('throws invalid_date naming the label and the value', () => {
    const e = errorOf(() => requireDate('2026-02-30', '办结时限'))
    expect(e.code).toBe('invalid_date')
    expect(e.message).toBe('办结时限不是有效日期：2026-02-30')
  })

  it('throws required for an empty value', () => {
    const e = errorOf(() => requireDate('', '接待日期'))
    expect(e.code).toBe('required')
    expect(e.message).toBe('请填写接待日期')
  })

  it('throws required for null', () => {
    expect(errorOf(() => requireDate(null, '接待日期')).code).toBe('required')
  })
})

describe('isYearMonth', () => {
  it('accepts YYYY-MM', () => {
    expect(isYearMonth('2026-02')).toBe(true)
  })

  it('rejects month 13', () => {
    expect(isYearMonth('2026-13')).toBe(false)
  })

  it('rejects month 00', () => {
    expect(isYearMonth('2026-00')).toBe(false)
  })

  it('rejects a month without zero padding', () => {
    expect(isYearMonth('2026-2')).toBe(false)
  })

  it('rejects a full date', () => {
    expect(isYearMonth('2026-02-01')).toBe(false)
  })
})

describe('monthRange', () => {
  it('gives the first, last and next first day of February 2026', () => {
    expect(monthRange('2026-02')).toEqual({
      first: '2026-02-01',
      last: '2026-02-28',
      nextFirst: '2026-03-01',
    })
  })

  it('ends February 2024 on the 29th', () => {
    expect(monthRange('2024-02').last).toBe('2024-02-29')
  })

  it('rolls December over into January of the next year', () => {
    expect(monthRange('2026-12')).toEqual({
      first: '2026-12-01',
      last: '2026-12-31',
      nextFirst: '2027-01-01',
    })
  })

  it('throws invalid_month for a value that is not YYYY-MM', () => {
    const e = errorOf(() => monthRange('2026-13'))
    expect(e.code).toBe('invalid_month')
    expect(e.message).toBe('不是有效月份：2026-13')
  })
})
