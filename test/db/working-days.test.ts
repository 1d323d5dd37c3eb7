import { execFileSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { WorkCalendar } from '../../db/calendar/working-days'
import { errorOf } from '../support/refusals'

// Facts below are from the State Council notice on the 2026 holidays
// (https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm) and were checked against
// chinese-days 1.5.7's data, which agrees.

const plain = new WorkCalendar([])

function datesFrom(first: string, count: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`)
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10))
}

describe('official 2026 data', () => {
  it('treats Saturday 2026-02-14 as a make-up working day before the Spring Festival', () => {
    expect(plain.isWorkday('2026-02-14')).toBe(true)
  })

  it('treats Saturday 2026-02-28 as a make-up working day after the Spring Festival', () => {
    expect(plain.isWorkday('2026-02-28')).toBe(true)
  })

  it('treats every day from 2026-02-15 to 2026-02-23 as a Spring Festival holiday', () => {
    for (const date of datesFrom('2026-02-15', 9)) expect(plain.isWorkday(date), date).toBe(false)
  })

  it('treats every day from 2026-10-01 to 2026-10-07 as a National Day holiday', () => {
    for (const date of datesFrom('2026-10-01', 7)) expect(plain.isWorkday(date), date).toBe(false)
  })

  it('treats Sunday 2026-09-20 as a make-up working day for National Day', () => {
    expect(plain.isWorkday('2026-09-20')).toBe(true)
  })

  it('treats Saturday 2026-10-10 as a make-up working day for National Day', () => {
    expect(plain.isWorkday('2026-10-10')).toBe(true)
  })

  it('treats an ordinary Saturday as a rest day', () => {
    expect(plain.isWorkday('2026-03-07')).toBe(false)
  })

  it('treats an ordinary Monday as a working day', () => {
    expect(plain.isWorkday('2026-03-02')).toBe(true)
  })

  // chinese-days' own functions shift every holiday by a day west of UTC, so they are the
  // reference only in China's time zone, where the bureau's PCs are.
  it("agrees with chinese-days' isWorkday on every day from 2004 to 2026 in China's time zone", () => {
    const days = datesFrom('2004-01-01', 8401)
    expect(days.at(-1)).toBe('2026-12-31')
    // chinese-days builds its tables at import, in the process's time zone: ask a fresh process.
    const script = `import cd from 'chinese-days'; let s = ''; process.stdin.on('data', (c) => (s += c)); process.stdin.on('end', () => process.stdout.write(JSON.stringify(JSON.parse(s).map((d) => cd.isWorkday(d)))))`
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      input: JSON.stringify(days),
      env: { ...process.env, TZ: 'Asia/Shanghai' },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    })
    const reference: unknown = JSON.parse(out)
    expect(Array.isArray(reference) && reference.length).toBe(days.length)
    const disagreements = days.filter((d, i) => Array.isArray(reference) && plain.isWorkday(d) !== reference[i])
    expect(disagreements).toEqual([])
  })
})

describe('hasOfficialData', () => {
  it('reports data for 2026', () => {
    expect(plain.hasOfficialData(2026)).toBe(true)
  })

  it('reports data for 2004, the first year chinese-days covers', () => {
    expect(plain.hasOfficialData(2004)).toBe(true)
  })

  it('reports no data for 2003', () => {
    expect(plain.hasOfficialData(2003)).toBe(false)
  })

  it('reports no data for 2099', () => {
    expect(plain.hasOfficialData(2099)).toBe(false)
  })
})

describe('years without official data', () => {
  it('treats Monday to Friday as working days and weekends as rest days', () => {
    // 2099-01-05 is a Monday.
    const week = datesFrom('2099-01-05', 7).map((d) => plain.isWorkday(d))
    expect(week).toEqual([true, true, true, true, true, false, false])
  })

  it('treats New Year’s Day as a (provisional) holiday when nobody has entered the year', () => {
    // 2099-01-01 is a Thursday; the statutory days are assumed until the arrangement is entered.
    expect(plain.isWorkday('2099-01-01')).toBe(false)
    expect(plain.isWorkday('2099-01-02')).toBe(true)
  })
})

describe('addWorkdays', () => {
  it('lands on a make-up Saturday', () => {
    expect(plain.addWorkdays('2026-02-13', 1)).toBe('2026-02-14')
  })

  it('skips the whole Spring Festival holiday', () => {
    expect(plain.addWorkdays('2026-02-14', 1)).toBe('2026-02-24')
  })

  it('does not count the start day even when it is a working day', () => {
    expect(plain.addWorkdays('2026-03-02', 1)).toBe('2026-03-03')
  })

  it('counts from a start day inside a holiday', () => {
    expect(plain.addWorkdays('2026-02-15', 1)).toBe('2026-02-24')
  })

  it('counts 15 working days across Mid-autumn, National Day and both make-up days', () => {
    // 09-20 (Sun, make-up), 09-21..24, 09-28..30, 10-08, 10-09, 10-10 (Sat, make-up),
    // 10-12..15: the 15th working day after Friday 2026-09-18 is 2026-10-15.
    expect(plain.addWorkdays('2026-09-18', 15)).toBe('2026-10-15')
  })

  it('refuses zero working days', () => {
    expect(errorOf(() => plain.addWorkdays('2026-03-02', 0)).code).toBe('invalid_workdays')
  })

  it('refuses a fractional number of working days', () => {
    expect(errorOf(() => plain.addWorkdays('2026-03-02', 1.5)).message).toBe('工作日天数应为正整数：1.5')
  })

  it('refuses a start date that is not a real date', () => {
    expect(errorOf(() => plain.addWorkdays('2026-02-30', 1)).code).toBe('invalid_date')
  })

  it('adds 15 working days to 60,000 dates in well under a second', () => {
    const starts = datesFrom('2024-01-01', 1000)
    const calendar = new WorkCalendar([])
    const began = performance.now()
    for (let i = 0; i < 60_000; i++) calendar.addWorkdays(starts[i % starts.length], 15)
    expect(performance.now() - began).toBeLessThan(1000)
  })
})

describe('workdaysBetween', () => {
  it('counts the working days after from up to and including to', () => {
    // 02-14 (Sat, make-up), 02-24, 02-25, 02-26, 02-27, 02-28 (Sat, make-up).
    expect(plain.workdaysBetween('2026-02-13', '2026-02-28')).toBe(6)
  })

  it('counts every span as day by day would, whichever spans one calendar is asked first', () => {
    const calendar = new WorkCalendar([{ date: '2026-03-04', kind: 'holiday' }])
    const dayByDay = (from: string, to: string) => {
      let n = 0
      for (let d = new Date(`${from}T00:00:00Z`); ;) {
        d.setUTCDate(d.getUTCDate() + 1)
        const iso = d.toISOString().slice(0, 10)
        if (iso > to) return n
        if (calendar.isWorkday(iso)) n += 1
      }
    }
    // Short, then earlier, then later, then inside: the running count grows both ways and is reused.
    const spans: [string, string][] = [
      ['2026-03-01', '2026-03-10'],
      ['2016-05-02', '2026-03-05'],
      ['2026-02-10', '2027-12-31'],
      ['2025-10-01', '2025-10-08'],
      ['2026-03-04', '2026-03-04'],
      ['2014-12-31', '2015-01-05'],
    ]
    for (const [from, to] of spans) expect(calendar.workdaysBetween(from, to), `${from} → ${to}`).toBe(dayByDay(from, to))
  })

  it('gives 0 when to equals from', () => {
    expect(plain.workdaysBetween('2026-03-02', '2026-03-02')).toBe(0)
  })

  it('gives 0 when to is before from', () => {
    expect(plain.workdaysBetween('2026-03-10', '2026-03-02')).toBe(0)
  })

  it('undoes addWorkdays', () => {
    const due = plain.addWorkdays('2026-09-18', 15)
    expect(plain.workdaysBetween('2026-09-18', due)).toBe(15)
  })
})

describe('office overrides', () => {
  // package-lock pins chinese-days 1.5.7, which has no 2027 data; an upgrade that adds it must
  // revisit these two baselines.
  it('has no official 2027 data in the pinned chinese-days', () => {
    expect(plain.hasOfficialData(2027)).toBe(false)
  })

  it('counts 2027-01-01 as the provisional 元旦 when nobody says otherwise', () => {
    expect(plain.addWorkdays('2026-12-31', 1)).toBe('2027-01-04')
  })

  it('counts 2027-01-01 as a working day once the office has entered 2027 without it', () => {
    expect(new WorkCalendar([], [2027]).addWorkdays('2026-12-31', 1)).toBe('2027-01-01')
  })

  it('pushes a deadline past a 2027 New Year holiday entered by the office', () => {
    const calendar = new WorkCalendar([{ date: '2027-01-01', kind: 'holiday' }])
    expect(calendar.addWorkdays('2026-12-31', 1)).toBe('2027-01-04')
  })

  it('skips Saturday 2027-02-20 when nobody says otherwise', () => {
    expect(plain.addWorkdays('2027-02-19', 1)).toBe('2027-02-22')
  })

  it('counts a 2027 make-up Saturday entered by the office as a working day', () => {
    const calendar = new WorkCalendar([{ date: '2027-02-20', kind: 'workday' }])
    expect(calendar.addWorkdays('2027-02-19', 1)).toBe('2027-02-20')
  })

  it('lets an office holiday win over an official make-up working day', () => {
    const calendar = new WorkCalendar([{ date: '2026-02-14', kind: 'holiday' }])
    expect(calendar.addWorkdays('2026-02-13', 1)).toBe('2026-02-24')
  })

  it('lets an office working day win over an official holiday', () => {
    const calendar = new WorkCalendar([{ date: '2026-10-05', kind: 'workday' }])
    expect(calendar.isWorkday('2026-10-05')).toBe(true)
  })

  it('lets an office holiday on an ordinary weekday change workdaysBetween', () => {
    const calendar = new WorkCalendar([{ date: '2026-03-03', kind: 'holiday' }])
    expect(calendar.workdaysBetween('2026-03-02', '2026-03-06')).toBe(3)
  })

  it('uses the later entry when the same date is entered twice', () => {
    const calendar = new WorkCalendar([
      { date: '2026-03-03', kind: 'holiday' },
      { date: '2026-03-03', kind: 'workday' },
    ])
    expect(calendar.isWorkday('2026-03-03')).toBe(true)
  })

  it('refuses an override whose date is not a real date', () => {
    const e = errorOf(() => new WorkCalendar([{ date: '2027-02-30', kind: 'holiday' }]))
    expect(e.code).toBe('invalid_date')
  })
})

describe('time zones', () => {
  const original = process.env.TZ
  afterEach(() => {
    process.env.TZ = original
  })

  it('gives the same answers on a computer set to a time zone west of UTC', () => {
    process.env.TZ = 'America/Los_Angeles'
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBeGreaterThan(0)
    const calendar = new WorkCalendar([])
    expect(calendar.isWorkday('2026-03-02')).toBe(true)
    expect(calendar.isWorkday('2026-02-14')).toBe(true)
    expect(calendar.isWorkday('2026-02-15')).toBe(false)
    expect(calendar.addWorkdays('2026-09-18', 15)).toBe('2026-10-15')
  })
})
