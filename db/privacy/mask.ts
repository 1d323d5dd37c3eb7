import { areaCodeLength, isValidLandline, isValidMobile, normalizePhone } from '../validation/phone'
import { normalizeIdNumber } from '../validation/id-number'

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
  if (isValidMobile(n)) return keepEnds(n, 3, 4)
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
