import { toHalfWidth } from './text'

// Separators people put in numbers: ASCII and Unicode dashes, dots, brackets, any whitespace.
const SEPARATORS = /[\s\-‐‑‒–—―().]/g

export function normalizePhone(raw: string): string {
  const compact = toHalfWidth(raw).replace(SEPARATORS, '')
  const international = /^(?:\+86|0086)(\d+)$/.exec(compact)
  if (!international) return compact
  const national = international[1]
  // Written internationally, a landline drops its trunk 0 (+86 10 1234 5678); put it back so
  // the stored number is what one dials inside China.
  return /^1[3-9]\d{9}$/.test(national) || national.startsWith('0') ? national : `0${national}`
}

export function isValidMobile(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalizePhone(raw))
}

// Beijing (010) and 020–029 have 3-digit area codes, every other area 4 digits; knowing that,
// digits alone say where the area code ends.
export function areaCodeLength(digits: string): 3 | 4 {
  return /^0(10|2\d)/.test(digits) ? 3 : 4
}

export function isValidLandline(raw: string): boolean {
  const n = normalizePhone(raw)
  if (!/^\d+$/.test(n)) return false
  // Area codes run 010–099x (00 is the international prefix); local numbers never start with 0.
  if (n.startsWith('0')) return /^0[1-9]/.test(n) && /^[1-9]\d{6,7}$/.test(n.slice(areaCodeLength(n)))
  // A local number without area code is how most residents give a landline in their own county.
  return /^[1-9]\d{6,7}$/.test(n)
}

// 123xx government hotlines (12345 政务服务, 12369 环保举报) are often the number on record when
// an issue was forwarded from one, so they count as valid phone numbers.
export function isServiceNumber(raw: string): boolean {
  return /^123\d{2}$/.test(normalizePhone(raw))
}

export function isValidPhone(raw: string): boolean {
  return isValidMobile(raw) || isValidLandline(raw) || isServiceNumber(raw)
}
