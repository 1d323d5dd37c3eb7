import dayjs from 'dayjs'
import type { Period } from '../../shared/types'

// A period in the bureau's words, worked out from its dates: 2026年11月, 2026年第四季度,
// 2026年上半年, 2026年, 2021年3月至12月, 2026年11月3日至20日, 自2020年3月起 (from the ledger's
// first record to today). The words for "this period" and "the one before" go with it, so a
// sentence can say 本月…上月结转 or 本季度…上季度结转.

const QUARTER = ['一', '二', '三', '四']

const ym = (d: dayjs.Dayjs) => `${d.year()}年${d.month() + 1}月`
const md = (d: dayjs.Dayjs) => `${d.month() + 1}月${d.date()}日`

export function describePeriod(from: string, to: string, firstRecord: string | null, today: string): Period {
  const a = dayjs(from)
  const b = dayjs(to)
  const startsMonth = a.date() === 1
  const endsMonth = b.isSame(b.endOf('month'), 'day')
  const sameYear = a.year() === b.year()
  const months = (b.year() - a.year()) * 12 + b.month() - a.month() + 1
  const base = { from, to }
  if (firstRecord !== null && from === firstRecord && to >= today) {
    return { ...base, kind: 'all', label: `自${ym(a)}起`, current: '累计', previous: '此前' }
  }
  if (startsMonth && endsMonth && sameYear) {
    if (months === 1) return { ...base, kind: 'month', label: ym(a), current: '本月', previous: '上月' }
    if (months === 12) return { ...base, kind: 'year', label: `${a.year()}年`, current: '本年', previous: '上年' }
    if (months === 3 && a.month() % 3 === 0)
      return {
        ...base,
        kind: 'quarter',
        label: `${a.year()}年第${QUARTER[a.month() / 3] ?? ''}季度`,
        current: '本季度',
        previous: '上季度',
      }
    if (months === 6 && a.month() % 6 === 0)
      return { ...base, kind: 'half', label: `${a.year()}年${a.month() === 0 ? '上' : '下'}半年`, current: '本期', previous: '上期' }
  }
  if (startsMonth && endsMonth) {
    const label = sameYear ? `${ym(a)}至${b.month() + 1}月` : `${ym(a)}至${ym(b)}`
    return { ...base, kind: 'months', label, current: '本期', previous: '上期' }
  }
  const label =
    from === to ? `${a.year()}年${md(a)}` : sameYear ? `${a.year()}年${md(a)}至${md(b)}` : `${a.year()}年${md(a)}至${b.year()}年${md(b)}`
  return { ...base, kind: 'days', label, current: '本期', previous: '上期' }
}
