import { execFileSync } from 'node:child_process'
import path from 'node:path'
import officialDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import { statutoryHolidays } from '../../db/calendar/statutory'
import { LAST_OFFICIAL_YEAR, WorkCalendar } from '../../db/calendar/working-days'

// The years after chinese-days' data (2027 on, in 1.5.7) are counted on the statutory holidays of
// 《全国年节及纪念日放假办法》 (2024 revision), computed from the lunar calendar and the solar terms,
// until the office enters the State Council's arrangement.

const plain = new WorkCalendar([])
const dates = (year: number) => statutoryHolidays(year).map((h) => h.date)

describe('statutory holidays computed for a year without official data', () => {
  it('has chinese-days 1.5.7 end at 2026, so 2027 is the first computed year', () => {
    expect(LAST_OFFICIAL_YEAR).toBe(2026)
    expect(plain.isProvisionalYear(2027)).toBe(true)
    expect(plain.isProvisionalYear(2026)).toBe(false)
  })

  it('computes the 2027 Spring Festival from 除夕 2027-02-05 to 初三 2027-02-08 from the lunar calendar', () => {
    expect(statutoryHolidays(2027).filter((h) => h.name === '春节')).toEqual(
      ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'].map((date) => ({ date, name: '春节' })),
    )
  })

  it('gives 2027 the thirteen days the law names, 清明 on the solar term and 端午, 中秋 on the lunar dates', () => {
    expect(statutoryHolidays(2027)).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-05', name: '春节' },
      { date: '2027-02-06', name: '春节' },
      { date: '2027-02-07', name: '春节' },
      { date: '2027-02-08', name: '春节' },
      { date: '2027-04-05', name: '清明节' },
      { date: '2027-05-01', name: '劳动节' },
      { date: '2027-05-02', name: '劳动节' },
      { date: '2027-06-09', name: '端午节' },
      { date: '2027-09-15', name: '中秋节' },
      { date: '2027-10-01', name: '国庆节' },
      { date: '2027-10-02', name: '国庆节' },
      { date: '2027-10-03', name: '国庆节' },
    ])
  })

  it('computes only days the State Council actually gave off in 2025 and 2026, the years the 2024 revision has governed', () => {
    // The same computation run on years that have official data: every day the law names must be
    // a holiday of the published arrangement (which adds bridging days, never removes these).
    const official = new Set(Object.keys(officialDays.holidays))
    for (const year of [2025, 2026]) {
      const days = dates(year)
      expect(days, String(year)).toHaveLength(13)
      expect(
        days.filter((d) => !official.has(d)),
        String(year),
      ).toEqual([])
    }
  })

  it('gives one day off, with both names, when 中秋 falls within 国庆', () => {
    expect(statutoryHolidays(2028).filter((h) => h.date >= '2028-10-01' && h.date <= '2028-10-03')).toEqual([
      { date: '2028-10-01', name: '国庆节' },
      { date: '2028-10-02', name: '国庆节' },
      { date: '2028-10-03', name: '中秋节、国庆节' },
    ])
  })

  it('computes the same days on a computer set to a time zone west of UTC, where chinese-days’ own dates move', () => {
    const script = path.join(import.meta.dirname, '../support/print-statutory.ts')
    const years = [2027, 2028, 2029, 2030, 2031]
    const run = (tz: string): unknown =>
      JSON.parse(
        execFileSync(process.execPath, ['--import', 'tsx', script, ...years.map(String)], {
          env: { ...process.env, TZ: tz },
          encoding: 'utf8',
        }),
      )
    const shanghai = run('Asia/Shanghai')
    expect(shanghai).toEqual(years.map((y) => statutoryHolidays(y)))
    expect(run('America/Los_Angeles')).toEqual(shanghai)
  })
})

describe('deadlines counted on provisional days', () => {
  it('counts 15 working days from 2026-12-11 past the provisional 元旦 to Monday 2027-01-04, not onto 元旦 itself', () => {
    // Fri 12-11: 14–18 (5), 21–25 (10), 28–31 (14); Fri 2027-01-01 元旦 (暂定) is off; Mon 01-04 is the 15th.
    expect(plain.isWorkday('2027-01-01')).toBe(false)
    expect(plain.addWorkdays('2026-12-11', 15)).toBe('2027-01-04')
  })

  it('marks that deadline provisional, and one counted wholly within 2026 not', () => {
    expect(plain.isProvisionalSpan('2026-12-11', '2027-01-04')).toBe(true)
    expect(plain.addWorkdays('2026-12-01', 15)).toBe('2026-12-22')
    expect(plain.isProvisionalSpan('2026-12-01', '2026-12-22')).toBe(false)
  })

  it('marks a deadline counted from 31 December provisional though its start day is in 2026', () => {
    expect(plain.isProvisionalSpan('2026-12-31', '2027-01-04')).toBe(true)
  })

  it('stops assuming the statutory days once the office has entered the year', () => {
    const entered = new WorkCalendar([{ date: '2027-01-01', kind: 'workday' }], [2027])
    expect(entered.isProvisionalYear(2027)).toBe(false)
    expect(entered.isProvisionalSpan('2026-12-11', '2027-01-04')).toBe(false)
    // The office's word only: here it typed 元旦 as a working day, and the statutory 春节 is not assumed.
    expect(entered.addWorkdays('2026-12-31', 1)).toBe('2027-01-01')
    expect(entered.isWorkday('2027-02-08')).toBe(true)
    expect(entered.provisionalDays(2027)).toEqual([])
  })

  it('keeps a year before the installed data a plain calendar, not a provisional one', () => {
    expect(plain.isProvisionalYear(2003)).toBe(false)
    expect(plain.isWorkday('2003-01-01')).toBe(true)
  })
})
