import dayjs, { type Dayjs } from 'dayjs'

// What the 统计 screen's period picker can choose, and the dates each choice stands for. The
// ledger names the period (db/figures/period-label.ts); the screen only works out from and to.

export type PickerKind = 'month' | 'quarter' | 'half' | 'year' | 'days' | 'all'

export const PICKER_KINDS: { value: PickerKind; label: string }[] = [
  { value: 'month', label: '月' },
  { value: 'quarter', label: '季度' },
  { value: 'half', label: '半年' },
  { value: 'year', label: '年' },
  { value: 'days', label: '自定义' },
  { value: 'all', label: '建账以来' },
]

export interface Choice {
  kind: PickerKind
  /** The month, quarter, half-year or year chosen (its first day). */
  anchor: Dayjs
  /** For 'days': the first and last day, both included. */
  range: [Dayjs, Dayjs]
}

const iso = (d: Dayjs) => d.format('YYYY-MM-DD')

export function startOf(kind: PickerKind, d: Dayjs): Dayjs {
  if (kind === 'quarter') return d.startOf('month').month(Math.floor(d.month() / 3) * 3)
  if (kind === 'half') return d.startOf('month').month(d.month() < 6 ? 0 : 6)
  if (kind === 'year') return d.startOf('year')
  return d.startOf('month')
}

/** The first and last day of a choice; 建账以来 runs from the ledger's first record to today. */
export function datesOf(choice: Choice, firstRecord: string | null, today: string): { from: string; to: string } {
  const a = choice.anchor
  switch (choice.kind) {
    case 'month':
      return { from: iso(a.startOf('month')), to: iso(a.endOf('month')) }
    case 'quarter':
      return { from: iso(a), to: iso(a.add(2, 'month').endOf('month')) }
    case 'half':
      return { from: iso(a), to: iso(a.add(5, 'month').endOf('month')) }
    case 'year':
      return { from: iso(a.startOf('year')), to: iso(a.endOf('year')) }
    case 'days':
      return { from: iso(choice.range[0]), to: iso(choice.range[1]) }
    case 'all':
      return { from: firstRecord ?? today, to: today }
  }
}

/** The choice a link names: ?month=2026-10, or ?period=quarter&from=2026-10-01, or ?period=days&from=…&to=…. */
export function choiceFromParams(params: URLSearchParams, today: Dayjs): Choice {
  const kind = PICKER_KINDS.find((k) => k.value === params.get('period'))?.value ?? 'month'
  const from = params.get('from') ?? params.get('month')
  const anchor = startOf(kind, from ? dayjs(from) : today)
  const to = params.get('to')
  return { kind, anchor, range: [from ? dayjs(from) : today.startOf('month'), to ? dayjs(to) : today] }
}
