// Dates for the synthetic ledger as day numbers (UTC arithmetic: no time zone or DST in the way).

const DAY_MS = 86_400_000

export function dayOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

function two(n: number): string {
  return String(n).padStart(2, '0')
}

export function timeOf(seconds: number): string {
  const s = Math.max(0, Math.min(86_399, Math.floor(seconds)))
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`
}

export function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n
  return `${Math.floor(total / 12)}-${two((total % 12) + 1)}`
}
