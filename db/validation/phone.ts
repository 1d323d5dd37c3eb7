import { toHalfWidth } from './text'

// Phone numbers as people give them at the desk. Stored in one canonical form per kind, so the
// same number typed two ways is one number:
//   mobile 13812345678 · landline 05718765432 (area code and local number run together) ·
//   landline with extension 07991234567转801 · 400/800 4001234567 · service numbers 12369, 95598 ·
//   Hong Kong and Macau +85291234567, +85328123456.

// Separators people put in numbers: ASCII and Unicode dashes, dots, brackets, any whitespace.
const SEPARATORS = /[\s\-‐‑‒–—―().]/g

// The ways an extension is written after a landline: 转801, 分机801, ext 801, x801, #801.
const EXTENSION_MARK = /(?:转|分机|ext\.?|x|#)/i

// "0799-1234567-801": area code, local number and a third group that can only be an extension.
const DASHED_EXTENSION = /^\(?(0\d{2,3})\)?[\s\-‐‑‒–—―]*([1-9]\d{6,7})[\s\-‐‑‒–—―]+(\d{1,6})$/

function compact(raw: string): string {
  return raw.replace(SEPARATORS, '')
}

export function normalizePhone(raw: string): string {
  const half = toHalfWidth(raw).trim()
  const mark = EXTENSION_MARK.exec(half)
  if (mark && mark.index > 0) return `${normalizePhone(half.slice(0, mark.index))}转${compact(half.slice(mark.index + mark[0].length))}`
  const dashed = DASHED_EXTENSION.exec(half)
  if (dashed) return `${dashed[1]}${dashed[2]}转${dashed[3]}`
  const digits = compact(half)
  const hongKongMacau = /^(?:\+|00)(852|853)(\d+)$/.exec(digits)
  if (hongKongMacau) return `+${hongKongMacau[1]}${hongKongMacau[2]}`
  const international = /^(?:\+86|0086)(\d+)$/.exec(digits)
  if (!international) return digits
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
  // Behind a 3-digit area code (the big cities) every local number has 8 digits: 010-1234567 is a digit short.
  if (n.startsWith('0')) {
    const area = areaCodeLength(n)
    return /^0[1-9]/.test(n) && (area === 3 ? /^[1-9]\d{7}$/ : /^[1-9]\d{6,7}$/).test(n.slice(area))
  }
  // A local number without area code is how most residents give a landline in their own county.
  return /^[1-9]\d{6,7}$/.test(n)
}

/** A landline with an extension: 0799-1234567转801, 0799-1234567-801. */
export function isValidExtension(raw: string): boolean {
  const [main, extension, ...rest] = normalizePhone(raw).split('转')
  return rest.length === 0 && main !== undefined && extension !== undefined && /^\d{1,6}$/.test(extension) && isValidLandline(main)
}

// 123xx government hotlines (12345 政务服务, 12369 环保举报) are often the number on record when
// an issue was forwarded from one; 95xxx (95598 电力) and 95xxxxxx are the national service numbers.
export function isServiceNumber(raw: string): boolean {
  return /^(?:123\d{2}|95\d{3}|95\d{6})$/.test(normalizePhone(raw))
}

/** 400 and 800 numbers: ten digits, what an enterprise's switchboard gives. */
export function isTollFree(raw: string): boolean {
  return /^[48]00\d{7}$/.test(normalizePhone(raw))
}

/** Hong Kong (+852) and Macau (+853): eight digits after the country code. */
export function isHongKongMacau(raw: string): boolean {
  return /^\+85[23][2-9]\d{7}$/.test(normalizePhone(raw))
}

export function isValidPhone(raw: string): boolean {
  return (
    isValidMobile(raw) || isValidLandline(raw) || isValidExtension(raw) || isServiceNumber(raw) || isTollFree(raw) || isHongKongMacau(raw)
  )
}
