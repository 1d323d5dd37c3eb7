import dayjs from 'dayjs'

// Drafts of forms with typed work, kept in the renderer's localStorage so they survive going to
// another screen, a reload and a restart of the app. One draft per form (the registration at the
// desk, each dialog by what it edits), scoped to the ledger file the app has open. A draft is
// written as the form changes, removed when the form is saved, cleared (清空) or discarded (放弃),
// and dropped after DRAFT_DAYS without a change. Passwords and PINs are never kept.

const PREFIX = '接待日台账·草稿'
export const DRAFT_DAYS = 14

let scope = ''

/** Drafts belong to one ledger file: another ledger's visitors and ids mean nothing here. */
export function setDraftScope(ledgerFile: string): void {
  if (scope === ledgerFile) return
  scope = ledgerFile
  pruneDrafts()
}

function storageKey(key: string): string {
  return `${PREFIX}|${scope}|${key}`
}

export interface Draft {
  values: unknown
  extra: unknown
  savedAt: string
}

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain }

/** Dates (dayjs) as `{ $day: 'YYYY-MM-DD' }`, so they come back as dates; undefined and functions left out. */
function toStorable(v: unknown): Plain | undefined {
  if (dayjs.isDayjs(v)) return { $day: v.format('YYYY-MM-DD') }
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined
  if (Array.isArray(v)) return v.map((x) => toStorable(x) ?? null)
  if (typeof v === 'object') {
    const out: { [key: string]: Plain } = {}
    for (const [k, x] of Object.entries(v)) {
      const s = toStorable(x)
      if (s !== undefined) out[k] = s
    }
    return out
  }
  return undefined
}

function fromStorable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromStorable)
  if (v !== null && typeof v === 'object') {
    const day: unknown = Object.hasOwn(v, '$day') ? Reflect.get(v, '$day') : undefined
    if (typeof day === 'string' && Object.keys(v).length === 1) return dayjs(day)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromStorable(x)]))
  }
  return v
}

/** The values as compared for "has anything been done": blanks, nulls and empty lists are nothing. */
function substance(v: unknown): Plain | undefined {
  const s = toStorable(v)
  const strip = (x: Plain | undefined): Plain | undefined => {
    if (x === null || x === undefined) return undefined
    if (typeof x === 'string') return x.trim() === '' ? undefined : x
    if (Array.isArray(x)) {
      const items = x.map((i) => strip(i) ?? null)
      return items.every((i) => i === null) ? undefined : items
    }
    if (typeof x === 'object') {
      const out: { [key: string]: Plain } = {}
      for (const [k, i] of Object.entries(x)) {
        const kept = strip(i)
        if (kept !== undefined) out[k] = kept
      }
      return Object.keys(out).length === 0 ? undefined : out
    }
    return x
  }
  return strip(s)
}

/** True when the values differ from where the form started: something was typed or chosen. */
export function differsFrom(values: unknown, initial: unknown): boolean {
  return JSON.stringify(substance(values) ?? null) !== JSON.stringify(substance(initial) ?? null)
}

export function readDraft(key: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(storageKey(key))
    if (raw === null) return null
    const parsed: unknown = JSON.parse(raw)
    if (parsed === null || typeof parsed !== 'object') return null
    const savedAt: unknown = Reflect.get(parsed, 'savedAt')
    if (typeof savedAt !== 'string') return null
    return { values: fromStorable(Reflect.get(parsed, 'values')), extra: fromStorable(Reflect.get(parsed, 'extra')), savedAt }
  } catch {
    return null
  }
}

export function writeDraft(key: string, values: unknown, extra: unknown = null): void {
  try {
    const body = { values: toStorable(values) ?? null, extra: toStorable(extra) ?? null, savedAt: dayjs().format('YYYY-MM-DD HH:mm:ss') }
    window.localStorage.setItem(storageKey(key), JSON.stringify(body))
  } catch {
    // A full or unavailable storage loses the draft, never the form: what is on screen stays.
  }
}

export function clearDraft(key: string): void {
  try {
    window.localStorage.removeItem(storageKey(key))
  } catch {
    // Nothing to clear.
  }
}

/** The drafts kept under a key prefix, e.g. `issue:12:` for the action forms of issue 12. */
export function draftsUnder(prefix: string): string[] {
  const start = storageKey(prefix)
  const keys: string[] = []
  for (let i = 0; i < window.localStorage.length; i++) {
    const k = window.localStorage.key(i)
    if (k?.startsWith(start)) keys.push(k.slice(storageKey('').length))
  }
  return keys
}

/** Drops drafts of any ledger left unchanged for DRAFT_DAYS. */
function pruneDrafts(): void {
  try {
    const oldest = dayjs().subtract(DRAFT_DAYS, 'day').format('YYYY-MM-DD HH:mm:ss')
    const stale: string[] = []
    for (let i = 0; i < window.localStorage.length; i++) {
      const k = window.localStorage.key(i)
      if (!k?.startsWith(`${PREFIX}|`)) continue
      const raw = window.localStorage.getItem(k)
      const savedAt: unknown = raw ? Reflect.get(JSON.parse(raw) ?? {}, 'savedAt') : undefined
      if (typeof savedAt !== 'string' || savedAt < oldest) stale.push(k)
    }
    for (const k of stale) window.localStorage.removeItem(k)
  } catch {
    // A draft that cannot be read is left for the next start.
  }
}
