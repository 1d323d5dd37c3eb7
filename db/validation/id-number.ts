import dayjs from 'dayjs'
import { isIsoDate } from './dates'
import { toHalfWidth } from './text'

// GB 11643-1999 居民身份证号码, ISO 7064 MOD 11-2 check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

export function normalizeIdNumber(raw: string): string {
  return toHalfWidth(raw).replace(/\s+/g, '').toUpperCase()
}

function isRealBirthDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4))
  if (year < 1900) return false
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`
  // Compared in local time: a baby registered today in China has today's date on the card.
  return isIsoDate(iso) && iso <= dayjs().format('YYYY-MM-DD')
}

// Judges what the user typed, after the same normalization that is stored (so a lower-case x
// check character is accepted).
export function isValidIdNumber(id: string): boolean {
  const n = normalizeIdNumber(id)
  if (!/^\d{17}[\dX]$/.test(n)) return false
  if (!isRealBirthDate(n.slice(6, 14))) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(n[i]) * WEIGHTS[i]
  return n[17] === CHECK_CHARS[sum % 11]
}
