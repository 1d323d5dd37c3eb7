import chineseDays from 'chinese-days'
import { addDays, toDayNumber, toIsoDate } from './days'

// The statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision, in force from 2025) for a
// year the installed holiday data does not cover: 元旦 1 day, 春节 4 days (除夕 to 初三), 清明
// 1 day, 劳动节 2 days, 端午 1 day, 中秋 1 day, 国庆 3 days. Only the days the law names: the
// State Council's yearly arrangement adds 调休 make-up working days and moves days off (补假 for a
// holiday on a weekend among them), and none of that is known before it is announced, so none is
// assumed. The lunar and solar-term dates come from chinese-days' own tables.
//
// chinese-days formats every date it returns with local-time getters on a UTC-midnight Date, so
// west of UTC its strings come out a day early (and getSolarDateFromLunar, which counts from a
// local midnight, drifts with daylight saving). Its lunar fields are counted between two fixed
// instants and do not move. So a lunar date is found by asking getLunarDate about each candidate
// day near getSolarDateFromLunar's answer, and the solar term's string is corrected by the skew
// the same formatter shows on a date we gave it.

export interface StatutoryHoliday {
  date: string
  name: string
}

const cache = new Map<number, readonly StatutoryHoliday[]>()

function lunarToSolar(year: number, month: number, day: number): string {
  const hint = chineseDays.getSolarDateFromLunar(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`).date
  for (const offset of [0, -1, 1, -2, 2]) {
    const candidate = addDays(hint, offset)
    const lunar = chineseDays.getLunarDate(candidate)
    if (lunar.lunarYear === year && lunar.lunarMon === month && lunar.lunarDay === day && !lunar.isLeap) return candidate
  }
  throw new Error(`农历 ${year}年${month}月${day}日 换算失败`)
}

/** How many days chinese-days' formatter moves a date in this process's time zone (0 or −1). */
function formatterSkew(year: number): number {
  const probe = `${year}-04-15`
  return toDayNumber(chineseDays.getLunarDate(probe).date) - toDayNumber(probe)
}

function qingming(year: number): string {
  const formatted = chineseDays.getSolarTermDate(year, 4, 'pure_brightness')
  const [y, m, d] = formatted.split('-').map(Number)
  const day = Date.UTC(y ?? year, (m ?? 4) - 1, d ?? 1) / 86_400_000
  return toIsoDate(day - formatterSkew(year))
}

export function statutoryHolidays(year: number): readonly StatutoryHoliday[] {
  const known = cache.get(year)
  if (known) return known
  const springFestival = lunarToSolar(year, 1, 1)
  const days: StatutoryHoliday[] = [
    { date: `${year}-01-01`, name: '元旦' },
    ...[-1, 0, 1, 2].map((offset) => ({ date: addDays(springFestival, offset), name: '春节' })),
    { date: qingming(year), name: '清明节' },
    { date: `${year}-05-01`, name: '劳动节' },
    { date: `${year}-05-02`, name: '劳动节' },
    { date: lunarToSolar(year, 5, 5), name: '端午节' },
    { date: lunarToSolar(year, 8, 15), name: '中秋节' },
    { date: `${year}-10-01`, name: '国庆节' },
    { date: `${year}-10-02`, name: '国庆节' },
    { date: `${year}-10-03`, name: '国庆节' },
  ]
  // 中秋 can fall within 国庆 (as on 2025-10-06 or 2020-10-01): one day off, both names.
  const byDate = new Map<string, string>()
  for (const d of days) byDate.set(d.date, byDate.has(d.date) ? `${byDate.get(d.date)}、${d.name}` : d.name)
  const sorted = [...byDate].map(([date, name]) => ({ date, name })).sort((a, b) => (a.date < b.date ? -1 : 1))
  cache.set(year, sorted)
  return sorted
}
