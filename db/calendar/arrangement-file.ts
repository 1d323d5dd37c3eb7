import { LedgerError } from '../core/errors'
import { addDays, toDayNumber, toIsoDate } from './days'
import type { DayOverride } from './working-days'

// A year's official arrangement from a small file: a date list (one line a day or a range, with
// 放假 / 上班 and a name; a CSV with the same columns is one too) or an iCalendar file (.ics, as
// calendar apps and chinese-days publish it). What the State Council announced, not what we guess:
// every date must be real and every line readable, or nothing is taken.

export interface ArrangementDay extends DayOverride {
  name: string
}

const MAX_DAYS = 1000
const HOLIDAY_WORDS = /^(放假|休|休息|假|假期|节假日|holiday)$/i
const WORKDAY_WORDS = /^(上班|班|补班|调休|调休上班|工作日|workday)$/i

function isoFrom(text: string): string | null {
  const m = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$/.exec(text)
  if (!m) return null
  const iso = `${m[1]}-${String(m[2]).padStart(2, '0')}-${String(m[3]).padStart(2, '0')}`
  try {
    toDayNumber(iso)
  } catch {
    return null
  }
  return iso
}

function expand(first: string, last: string, kind: ArrangementDay['kind'], name: string, where: string): ArrangementDay[] {
  const from = toDayNumber(first)
  const to = toDayNumber(last)
  if (to < from) throw new LedgerError('invalid_input', `${where}：结束日期 ${last} 早于开始日期 ${first}`)
  if (to - from > 60) throw new LedgerError('invalid_input', `${where}：一段假期不应超过 60 天（${first} 至 ${last}）`)
  const days: ArrangementDay[] = []
  for (let d = from; d <= to; d++) days.push({ date: toIsoDate(d), kind, name })
  return days
}

const cleanName = (name: string, kind: ArrangementDay['kind']): string =>
  (name.trim() || (kind === 'holiday' ? '放假' : '调休上班')).slice(0, 30)

/** `2027-01-01 放假 元旦`, `2027-02-05 至 2027-02-11 放假 春节`, `2027-02-14,上班,春节调休`; # starts a comment. */
export function parseDateList(text: string): ArrangementDay[] {
  const days: ArrangementDay[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/^\uFEFF/, '').trim()
    if (line === '' || line.startsWith('#') || line.startsWith('//')) return
    const fields = line
      .replace(/(至|到|~|～|—)/g, ' ')
      .split(/[\s,，;；\t]+/)
      .filter((f) => f !== '')
    const where = `第 ${index + 1} 行`
    const first = isoFrom(fields[0] ?? '')
    if (first === null) {
      // A CSV's header row.
      if (index === 0 && /日期|date/i.test(line)) return
      throw new LedgerError('invalid_input', `${where}：不是有效日期“${fields[0] ?? ''}”（应为 YYYY-MM-DD）`)
    }
    let rest = fields.slice(1)
    const second = isoFrom(rest[0] ?? '')
    if (second !== null) rest = rest.slice(1)
    let kind: ArrangementDay['kind'] = 'holiday'
    if (rest[0] !== undefined && HOLIDAY_WORDS.test(rest[0])) rest = rest.slice(1)
    else if (rest[0] !== undefined && WORKDAY_WORDS.test(rest[0])) {
      kind = 'workday'
      rest = rest.slice(1)
    }
    days.push(...expand(first, second ?? first, kind, cleanName(rest.join(' '), kind), where))
  })
  return days
}

/** Lines of an .ics with folded continuation lines (RFC 5545 §3.1) joined back. */
function unfold(text: string): string[] {
  const lines: string[] = []
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && lines.length > 0) lines[lines.length - 1] += raw.slice(1)
    else lines.push(raw)
  }
  return lines
}

function icsDate(value: string | undefined, where: string): string {
  const iso = isoFrom((value ?? '').slice(0, 8))
  if (iso === null) throw new LedgerError('invalid_input', `${where}：无法识别的日期“${value ?? ''}”`)
  return iso
}

/** Every all-day VEVENT: DTSTART to DTEND (exclusive); a summary or description with 班 is a working day. */
export function parseIcs(text: string): ArrangementDay[] {
  const days: ArrangementDay[] = []
  let event: Map<string, string> | null = null
  let count = 0
  for (const line of unfold(text)) {
    if (line === 'BEGIN:VEVENT') {
      event = new Map()
      count += 1
      continue
    }
    if (line === 'END:VEVENT' && event) {
      const where = `第 ${count} 个日程`
      const first = icsDate(event.get('DTSTART'), where)
      const end = event.get('DTEND')
      const last = end === undefined ? first : addDays(icsDate(end, where), -1)
      const summary = event.get('SUMMARY') ?? ''
      const kind = /班/.test(`${summary}${event.get('DESCRIPTION') ?? ''}`) ? 'workday' : 'holiday'
      days.push(...expand(first, last < first ? first : last, kind, cleanName(summary.replace(/[（(][^）)]*[）)]/g, ''), kind), where))
      event = null
      continue
    }
    if (!event) continue
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const name = line.slice(0, colon).split(';')[0]?.toUpperCase() ?? ''
    event.set(
      name,
      line
        .slice(colon + 1)
        .replace(/\\,/g, ',')
        .replace(/\\n/gi, ' '),
    )
  }
  return days
}

/** A file's days, by its content: an iCalendar file or a date list. */
export function parseArrangement(text: string): ArrangementDay[] {
  const days = /BEGIN:VCALENDAR/.test(text) ? parseIcs(text) : parseDateList(text)
  if (days.length === 0) throw new LedgerError('invalid_input', '文件中没有找到日期')
  if (days.length > MAX_DAYS) throw new LedgerError('invalid_input', `文件中的日期过多（${days.length} 天），请只导入放假安排`)
  return days
}
