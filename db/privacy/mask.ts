import { areaCodeLength, isHongKongMacau, isTollFree, isValidLandline, isValidMobile, normalizePhone } from '../validation/phone'
import { normalizeIdNumber } from '../validation/id-number'
import { toHalfWidth } from '../validation/text'

// Masked forms go on printed handover sheets and exports, which leave the office; enough stays
// visible for staff to confirm "is this the number ending 5678?" with the visitor.

function stars(count: number): string {
  return '*'.repeat(Math.max(count, 0))
}

function keepEnds(s: string, head: number, tail: number): string {
  return s.slice(0, head) + stars(s.length - head - tail) + s.slice(s.length - tail)
}

export function maskPhone(p: string | null): string | null {
  if (p === null) return null
  const n = normalizePhone(p)
  if (n === '') return ''
  // An extension is the office's, not the person's: the number before it is masked as any other.
  const ext = n.indexOf('转')
  if (ext > 0) return `${maskPhone(n.slice(0, ext)) ?? ''}${n.slice(ext)}`
  if (isValidMobile(n)) return keepEnds(n, 3, 4)
  if (isHongKongMacau(n)) return keepEnds(n, 4, 4)
  if (isTollFree(n)) return keepEnds(n, 3, 4)
  if (n.startsWith('0') && isValidLandline(n)) return keepEnds(n, areaCodeLength(n), 4)
  if (n.length <= 6) return keepEnds(n, 0, Math.min(2, n.length - 1))
  return keepEnds(n, 0, 4)
}

export function maskIdNumber(id: string | null): string | null {
  if (id === null) return null
  const n = normalizeIdNumber(id)
  if (n.length === 18) return keepEnds(n, 3, 4)
  // Too short to hide anything while showing both ends: hide it all.
  if (n.length <= 2) return stars(n.length)
  return keepEnds(n, 1, 1)
}

// ---- numbers typed into free text ----
//
// A phone or ID number typed into a description, an answer, a note or a comment
// (“举报人电话139-1234-5670”) is personal data all the same. One function masks it wherever free
// text leaves main: every call result the renderer gets (electron/handlers/dispatch.ts), every
// print (which is drawn from those results) and every masked export (db/export/). It looks at a
// normalised copy — full-width digits and signs made half-width, every dash, dot and space made
// one separator — and hides digits in the original text, one character for one, so the text
// keeps its length (search highlights stay in place) and its separators.

// Dashes, dots and spaces people put between digit groups, after toHalfWidth.
const GROUP_SEPARATOR = /[\s\-‐‑‒–—―−﹣.·]/

/** Same length as `text`: digits and signs half-width, separators '-', everything else as it was. */
function normalisedForNumbers(text: string): string {
  // toHalfWidth maps one UTF-16 unit to one, so positions in the copy are positions in the text.
  const half = toHalfWidth(text)
  let out = ''
  for (let i = 0; i < half.length; i++) {
    const ch = half[i] ?? ''
    out += GROUP_SEPARATOR.test(ch) ? '-' : ch
  }
  return out
}

// On the normalised copy. A number counts only whole: no digit or Latin letter right before or
// after it, so an 18-character credit code, an issue number or a longer serial is left alone.
const ID_NUMBER = /(?<![0-9A-Za-z])\d{6}-?\d{8}-?\d{3}[\dXx](?![0-9A-Za-z])/g
const MOBILE = /(?<![0-9A-Za-z+])(?:(?:\+|00)?86-?)?1[3-9]\d-?\d{4}-?\d{4}(?![0-9A-Za-z])/g
const LANDLINE = /(?<![0-9A-Za-z])\(?0[1-9]\d{1,2}\)?-?[1-9]\d{6,7}(?![0-9A-Za-z])/g

/** Positions (in `text`) of the digits of a match, in order. */
function digitPositions(normal: string, start: number, end: number): number[] {
  const at: number[] = []
  for (let i = start; i < end; i++) if (/[\dXx]/.test(normal[i] ?? '')) at.push(i)
  return at
}

interface HiddenNumber {
  start: number
  end: number
  /** Positions inside [start, end) whose character the mask hides. */
  hide: number[]
}

function hiddenNumbers(text: string): HiddenNumber[] {
  if (!/[0-9\uFF10-\uFF19]/.test(text)) return []
  const normal = normalisedForNumbers(text)
  const found: HiddenNumber[] = []
  const taken = new Set<number>()
  const mark = (pattern: RegExp, hidden: (digits: number[]) => number[]) => {
    for (const m of normal.matchAll(pattern)) {
      const start = m.index
      const end = start + m[0].length
      if ([...Array(end - start).keys()].some((k) => taken.has(start + k))) continue
      for (let k = start; k < end; k++) taken.add(k)
      found.push({ start, end, hide: hidden(digitPositions(normal, start, end)) })
    }
  }
  // 18 characters: the first 3 and the last 4 stay, as maskIdNumber shows them.
  mark(ID_NUMBER, (d) => d.slice(3, -4))
  // The 11 digits after any +86: the first 3 and the last 4 stay, as maskPhone shows them.
  mark(MOBILE, (d) => d.slice(-11).slice(3, -4))
  // The area code and the last 4 digits stay.
  mark(LANDLINE, (d) => d.slice(areaCodeLength(d.map((i) => normal[i] ?? '').join('')), -4))
  return found
}

/** Every phone and ID number in free text masked, as maskPhone and maskIdNumber mask them in their own fields. */
export function maskFreeText(text: string): string {
  const found = hiddenNumbers(text)
  if (found.length === 0) return text
  const hide = new Set(found.flatMap((f) => f.hide))
  let out = ''
  for (let i = 0; i < text.length; i++) out += hide.has(i) ? '*' : text[i]
  return out
}

/**
 * An edit of free text the screen only ever saw masked: where the edited text still holds a
 * number exactly as the mask showed it (139-****-5670), the number on file goes back in, so
 * correcting a typo elsewhere does not overwrite the number with stars.
 */
export function restoreHiddenNumbers(edited: string, stored: string | null): string
export function restoreHiddenNumbers(edited: string | null, stored: string | null): string | null
export function restoreHiddenNumbers(edited: string | null, stored: string | null): string | null {
  if (edited === null || stored === null || !edited.includes('*')) return edited
  const masked = maskFreeText(stored)
  if (edited === masked) return stored
  let out = edited
  const pairs = hiddenNumbers(stored)
    .map((f) => ({ shown: masked.slice(f.start, f.end), original: stored.slice(f.start, f.end) }))
    .sort((a, b) => b.shown.length - a.shown.length)
  for (const p of pairs) out = out.split(p.shown).join(p.original)
  return out
}

// Fields that hold a structured value, not text someone typed: a credit code (18 characters
// that can look like an ID number), a chain hash, file paths. Left as they are, with all they hold.
// Also two numbers shown on purpose: the office's own phone (not a person's), and the 交办单's
// replyPhone, in full only when a supervisor has set the sheet to carry it (db/print/sheets.ts).
const VERBATIM_FIELDS = new Set([
  'creditCode',
  'hash',
  'file',
  'folder',
  'defaultFolder',
  'restoredFrom',
  'ledgerFile',
  'officePhone',
  'replyPhone',
])

/** A call's result with maskFreeText applied to every string in it, whatever its shape. */
export function maskPersonalData(value: unknown): unknown {
  if (typeof value === 'string') return maskFreeText(value)
  if (Array.isArray(value)) return value.map(maskPersonalData)
  if (value === null || typeof value !== 'object' || value instanceof Date) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, VERBATIM_FIELDS.has(k) ? v : maskPersonalData(v)]))
}
