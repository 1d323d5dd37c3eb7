import type { CallbackMethod, IssueStatus, MatterType, Satisfaction, SessionKind, VisitorKind } from '../../shared/types'
import { isIsoDate } from '../validation/dates'
import { toHalfWidth } from '../validation/text'
import type { RawCell } from './read'

// Reading one cell as what the ledger needs, forgiving the ways people write things in Excel.
// Each reader returns null for an empty cell and throws nothing: a value that cannot be read comes
// back as { error } for the caller to report against its row.

export type Read<T> = { value: T } | { error: string }

/** The cell as the text a person sees in it. Dates as YYYY-MM-DD; whole numbers without “.0”. */
export function cellText(cell: RawCell): string {
  if (cell === null) return ''
  if (cell instanceof Date) return isoFromDate(cell)
  if (typeof cell === 'number') return String(cell)
  if (typeof cell === 'boolean') return cell ? '是' : '否'
  // Windows line ends become \n; NUL, form feeds and the like (pasted from Word or WPS) go, as at the desk.
  return cell
    .replace(/\r\n?/g, '\n')
    .replace(/[\x00-\x08\x0B-\x1F\x7F]/g, '')
    .replace(/\u3000/g, ' ')
    .trim()
}

/** Empty, or a placeholder people put in an empty cell. */
export function isBlankText(text: string): boolean {
  return /^(|[-—－_/／\\、.。·…]+|无|暂无|空|不详|未知|未填|未留|未提供|NULL|N\/A|#N\/A)$/i.test(text.trim())
}

export function textOf(cell: RawCell): string | null {
  const t = cellText(cell)
  return isBlankText(t) ? null : t
}

/** A person's name: spaces people put between the characters of a Chinese name go. */
export function nameOf(cell: RawCell): string | null {
  const t = textOf(cell)
  if (t === null) return null
  const compact = t.replace(/[\s\u3000]+/g, '')
  return /^[\u3400-\u9fff\u{20000}-\u{3134f}·•]+$/u.test(compact) ? compact.replace('•', '·') : t.replace(/\s+/g, ' ')
}

function isoFromDate(d: Date): string {
  // exceljs reads Excel dates as UTC instants; the calendar day is the UTC one.
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function iso(y: number, m: number, d: number): string | null {
  const s = `${y}-${pad(m)}-${pad(d)}`
  return isIsoDate(s) ? s : null
}

/** Excel's day count (1900 date system; Excel's phantom 1900-02-29 is day 60). */
export function fromExcelSerial(serial: number): { date: string; time: string | null } | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null
  const whole = Math.floor(serial)
  const ms = Date.UTC(1899, 11, 30) + whole * 86_400_000
  const date = new Date(ms).toISOString().slice(0, 10)
  const fraction = serial - whole
  if (fraction <= 0) return { date, time: null }
  const seconds = Math.round(fraction * 86400)
  return { date, time: `${pad(Math.floor(seconds / 3600) % 24)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}` }
}

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 二〇二一年三月五日 → 2021年3月5日 (numbers written in Chinese characters, up to 31). */
function chineseNumerals(text: string): string {
  return text
    .replace(/[〇零一二三四五六七八九]{4}(?=年)/g, (y) => [...y].map((c) => CN_DIGITS[c] ?? '').join(''))
    .replace(/([二三]?)十([一二三四五六七八九]?)/g, (_m, tens: string, ones: string) =>
      String((tens ? (CN_DIGITS[tens] ?? 1) : 1) * 10 + (ones ? (CN_DIGITS[ones] ?? 0) : 0)),
    )
    .replace(/[一二三四五六七八九](?=[月日号])/g, (c) => String(CN_DIGITS[c] ?? ''))
}

export interface DateTime {
  date: string
  time: string | null
}

function timeFrom(rest: string): string | null {
  const m = /(\d{1,2})\s*[:：时点]\s*(\d{1,2})?/.exec(rest)
  if (!m) return null
  // 下午 3:30 is 15:30.
  const h = Number(m[1]) + (/(下午|晚上|PM)/i.test(rest) && Number(m[1]) < 12 ? 12 : 0)
  const mi = Number(m[2] ?? 0)
  if (h > 23 || mi > 59) return null
  return `${pad(h)}:${pad(mi)}:00`
}

/**
 * A date however it was entered: a date cell, an Excel serial number, 2021年3月5日, 2021.3.5,
 * 2021/3/5, 2021-03-05, 20210305, 21.3.5, full-width digits, 二〇二一年三月五日; 3月5日 takes
 * `defaultYear` (from the sheet's title). A time after the date is kept.
 */
export function readDate(cell: RawCell, defaultYear: number | null): Read<DateTime> | null {
  if (cell === null) return null
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { error: '日期无效' }
    const time =
      cell.getUTCHours() + cell.getUTCMinutes() + cell.getUTCSeconds() > 0
        ? `${pad(cell.getUTCHours())}:${pad(cell.getUTCMinutes())}:${pad(cell.getUTCSeconds())}`
        : null
    return { value: { date: isoFromDate(cell), time } }
  }
  if (typeof cell === 'number') return fromSerialOrDigits(cell, String(cell))
  if (typeof cell === 'boolean') return { error: `不是日期：${cell ? '是' : '否'}` }
  const raw = cell.trim()
  if (isBlankText(raw)) return null
  const text = chineseNumerals(toHalfWidth(raw)).replace(/\s+/g, ' ').trim()
  if (/^\d+(\.\d+)?$/.test(text) && !/^\d{1,2}\.\d{1,2}$/.test(text)) return fromSerialOrDigits(Number(text), raw)
  let m = /^(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*[日号]?(.*)$/.exec(text)
  if (m) return dated(iso(Number(m[1]), Number(m[2]), Number(m[3])), m[4] ?? '', raw)
  m = /^(\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*[日号]?(.*)$/.exec(text)
  if (m) return dated(iso(2000 + Number(m[1]), Number(m[2]), Number(m[3])), m[4] ?? '', raw)
  m = /^(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*[日号]?(.*)$/.exec(text)
  if (m) {
    if (defaultYear === null) return { error: `日期缺少年份：${raw}` }
    return dated(iso(defaultYear, Number(m[1]), Number(m[2])), m[3] ?? '', raw)
  }
  return { error: `无法识别的日期：${raw}` }
}

function dated(date: string | null, rest: string, raw: string): Read<DateTime> {
  if (date === null) return { error: `日期不存在：${raw}` }
  return { value: { date, time: timeFrom(rest) } }
}

function fromSerialOrDigits(n: number, raw: string): Read<DateTime> {
  const digits = String(n)
  if (/^\d{8}$/.test(digits)) {
    const date = iso(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8)))
    return date ? { value: { date, time: null } } : { error: `日期不存在：${raw}` }
  }
  // Serial numbers of plausible ledger years (1990–2100).
  if (n >= 32874 && n < 73051) {
    const d = fromExcelSerial(n)
    if (d) return { value: d }
  }
  return { error: `无法识别的日期：${raw}` }
}

/** A time of day: 09:30, 9时30分, a time cell or an Excel day fraction. */
export function readTime(cell: RawCell): string | null {
  if (cell === null) return null
  if (cell instanceof Date) return `${pad(cell.getUTCHours())}:${pad(cell.getUTCMinutes())}:00`
  if (typeof cell === 'number') return cell >= 0 && cell < 1 ? (fromExcelSerial(1 + cell)?.time ?? null) : null
  if (typeof cell !== 'string') return null
  return timeFrom(toHalfWidth(cell))
}

/** 人数: a whole number 1–999, “3人” too. */
export function readHeadcount(cell: RawCell): Read<number> | null {
  const text = toHalfWidth(cellText(cell)).replace(/[人名位个\s]/g, '')
  if (isBlankText(text)) return null
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1 || n > 999) return { error: `人数应为 1 至 999 的整数：${cellText(cell)}` }
  return { value: n }
}

export function readKind(text: string | null): SessionKind | null {
  if (text === null) return null
  if (text.includes('领导')) return 'leader'
  if (text.includes('上门') || text.includes('走访') || text.includes('现场服务')) return 'field'
  if (text.includes('企业')) return 'enterprise'
  if (text.includes('群众') || text.includes('居民') || text.includes('市民') || text.includes('公众')) return 'public'
  return null
}

export function readVisitorKind(text: string | null): VisitorKind | null {
  if (text === null) return null
  if (text.includes('企业') || text.includes('单位') || text.includes('公司')) return 'enterprise'
  if (text.includes('群众') || text.includes('居民') || text.includes('个人') || text.includes('市民') || text.includes('村民'))
    return 'resident'
  return null
}

export function readMatterType(text: string | null): MatterType | null {
  if (text === null) return null
  if (text.includes('咨询')) return 'consultation'
  if (/问题|投诉|举报|诉求|信访|受理|反映|求助|建议/.test(text)) return 'issue'
  return null
}

/** 不满意 before 基本满意 before 满意: each later one is a substring of the earlier. */
export function readSatisfaction(text: string | null): Satisfaction | null {
  if (text === null) return null
  if (/不满意|不太满意|非常不满意/.test(text)) return 'unsatisfied'
  if (/基本满意|比较满意|较满意/.test(text)) return 'basically_satisfied'
  if (/满意|认可/.test(text)) return 'satisfied'
  return null
}

export function readCallbackMethod(text: string | null): CallbackMethod | null {
  if (text === null) return null
  if (/电话|致电|手机/.test(text)) return 'phone'
  if (/上门|实地|现场|走访|面谈/.test(text)) return 'visit'
  if (/短信|微信|信息/.test(text)) return 'sms'
  return 'other'
}

/** 状态 as offices write it; the labels of this app's own export among them. */
export function readStatus(text: string | null): IssueStatus | null {
  if (text === null) return null
  if (/不予受理|不受理|驳回/.test(text)) return 'rejected'
  if (/转办|转交|移交|转出/.test(text)) return 'transferred'
  if (/重新办理|重办|退回/.test(text)) return 'reopened'
  if (/销号|已结案|结案/.test(text)) return 'closed'
  if (/未办结|办理中|正在办理|处理中|在办|跟进/.test(text)) return 'in_progress'
  if (/办结|已完成|已处理|已解决|已答复|完成/.test(text) || text === '是') return 'resolved'
  if (/交办/.test(text)) return 'assigned'
  if (/受理/.test(text)) return 'accepted'
  // 是否办结: 否 says only that it is not finished; the other columns tell how far it got.
  return null
}

/** Masked by an export (138****5678): the real number is not in the file. */
export function isMasked(text: string): boolean {
  return /[*＊]{2,}/.test(text)
}
