import { z } from 'zod'
import { allowedActions } from '../../db/issues/lifecycle'
import type { IssueAction } from '../../shared/types'
import { contract, type ContractKey } from '../../electron/contract'
import type { Ledger } from '../../db/core/open'
import type { World } from './world'

// Bad-input cases for test/electron/fuzz.test.ts, generated rather than listed so that a contract
// call added later is fuzzed from its zod schema without anyone writing cases for it. Two kinds:
//   - field cases (casesFor): the whole input of the wrong type or with extra / __proto__ keys,
//     then for every field, nested objects and array elements included, missing, null, the wrong
//     type, and by kind of field: empty, blank, 100,000-character and control-character strings,
//     SQL and HTML metacharacters, invalid credit codes / ID numbers / phones / dates / months,
//     out-of-range numbers, ids that do not exist, bad enum values, empty and oversized lists;
//   - transition cases (transitionCases): every issue action from every state that does not
//     allow it, and the session and visit moves that are wrong for the state they find.
// Only the inputs and what each one should get are produced here; running them and checking
// that nothing changed stays in the test. The functions are pure apart from reading the world's
// ids, so the same world always gives the same cases and the printed counts are comparable.

/**
 * What a case must get back:
 *   refuse — { code, message } with a Chinese message, and nothing in the ledger changed;
 *   either — odd but valid (SQL or HTML in free text, an id filter that matches nothing): may
 *            succeed, or be refused cleanly as above.
 */
export type Expect = 'refuse' | 'either'
type Segment = string | number

export interface Case {
  key: ContractKey
  label: string
  input: unknown
  expect: Expect
  /** For transitions: the refusal codes that are right. */
  codes?: readonly string[]
}

// ---- schema walking ----

type Schema = z.core.$ZodType

interface Field {
  path: Segment[]
  schema: Schema
  optional: boolean
  nullable: boolean
}

function unwrap(schema: Schema): { schema: Schema; optional: boolean; nullable: boolean } {
  let s = schema
  let optional = false
  let nullable = false
  for (;;) {
    if (s instanceof z.ZodOptional) {
      optional = true
      s = s.unwrap()
    } else if (s instanceof z.ZodNullable) {
      nullable = true
      s = s.unwrap()
    } else return { schema: s, optional, nullable }
  }
}

/** Calls with no hand-written base input (added later by others) still need one to vary field by field. */
export function synthesize(schema: Schema): unknown {
  const u = unwrap(schema)
  if (u.optional) return undefined
  const s = u.schema
  if (s instanceof z.ZodObject) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(s.shape)) {
      const value = synthesize(v)
      if (value !== undefined) out[k] = value
    }
    return out
  }
  if (s instanceof z.ZodString) return ['2026-11-10', '2026-11', '测试'].find((c) => s.safeParse(c).success) ?? 'x'
  if (s instanceof z.ZodNumber) return 1
  if (s instanceof z.ZodBoolean) return true
  if (s instanceof z.ZodEnum) return s.options[0]
  if (s instanceof z.ZodLiteral) return [...s.values][0]
  if (s instanceof z.ZodArray) return [synthesize(s.element)]
  if (s instanceof z.ZodUnion) return synthesize(s.options[0] ?? z.never())
  if (u.nullable) return null
  return undefined
}

function valueAt(value: unknown, p: readonly Segment[]): unknown {
  let v = value
  for (const seg of p) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg]
    else if (v !== null && typeof v === 'object' && typeof seg === 'string') v = Object.getOwnPropertyDescriptor(v, seg)?.value
    else return undefined
  }
  return v
}

/** A deep copy of `base` with the value at `p` replaced, or removed when `remove` is set. */
function withValue(base: unknown, p: readonly Segment[], value: unknown, remove = false): unknown {
  const copy: unknown = structuredClone(base)
  const parent = valueAt(copy, p.slice(0, -1))
  const last = p.at(-1)
  if (Array.isArray(parent) && typeof last === 'number') {
    if (remove) parent.splice(last, 1)
    else parent[last] = value
  } else if (parent !== null && typeof parent === 'object' && typeof last === 'string') {
    if (remove) Reflect.deleteProperty(parent, last)
    else Reflect.set(parent, last, value)
  }
  return copy
}

/** Every field of the input, nested objects and array elements included (following the base value). */
function fields(schema: Schema, base: unknown, at: Segment[] = []): Field[] {
  const u = unwrap(schema)
  const out: Field[] = at.length > 0 ? [{ path: at, ...u }] : []
  const s = u.schema
  const here = valueAt(base, at)
  if (s instanceof z.ZodObject && here !== null && typeof here === 'object') {
    for (const [k, v] of Object.entries(s.shape)) out.push(...fields(v, base, [...at, k]))
  } else if (s instanceof z.ZodArray && Array.isArray(here)) {
    here.forEach((_, i) => out.push(...fields(s.element, base, [...at, i])))
  } else if (s instanceof z.ZodUnion && here !== undefined) {
    const option = s.options.find((o) => z.safeParse(o, here).success)
    if (option) out.push(...fields(option, base, at).filter((x) => x.path.length > at.length))
  }
  return out
}

// ---- what each kind of field gets ----

const LONG = 'x'.repeat(100_000)
const CONTROL_ONLY = '\u0000\u0001\u0007\u001b\u007f'
const CONTROL_MIXED = '正文\u0000中间\u001b[2J结尾\u0008'
const SQL = ["'; DROP TABLE issues; --", "' OR '1'='1", "%' UNION SELECT * FROM audit_log --", '\\%_[]^']
const HTML = ['<script>alert("xss")</script>', '<img src=x onerror=alert(1)>', '&lt;b&gt;&amp;', 'javascript:alert(1)']
const BAD_PHONES = ['1234', '1381234567', '13812345678x', '+1 (555) 010-0199', '00000000000']
const BAD_IDS = ['110105194912310021', '11010519491331002X', '1101051949123100', 'ABCDEFGHIJKLMNOPQR']
const BAD_CODES = ['91350100M000100Y44', '91350100M000100Y4', 'I1350100M000100Y43', '不是代码']
const BAD_DATES = ['2026-02-30', '2026-13-01', '0000-00-00', '2026-11-1', '2026/11/10', '20261110', '2026-11-10T00:00:00']
const BAD_MONTHS = ['2026-13', '2026-00', '26-11', '2026-1', '2026-11-01']

// Strings that may legitimately be empty: search boxes.
const EMPTY_OK = new Set(['directory-lookup.query', 'search-all.query', 'issue-list.text'])
// Id fields that filter a list: an id that matches nothing gives an empty list, not an error.
const FILTER_IDS = new Set(['visit-list.sessionId', 'audit-list.entityId', 'audit-list.actorId'])
// Fields whose exact content is checked by the ledger (a name from the backup folder, a folder path).
const STRICT_TEXT = new Set(['backup-restore.name'])

function fieldName(p: readonly Segment[]): string {
  const named = p.filter((seg): seg is string => typeof seg === 'string')
  return named.at(-1) ?? ''
}

function isIdField(p: readonly Segment[]): boolean {
  const name = fieldName(p)
  return name === 'id' || name.endsWith('Id') || (typeof p.at(-1) === 'number' && name.endsWith('Ids'))
}

/**
 * The cases for one call. `known` calls have a hand-written base input and field semantics known
 * here (ids must exist, blank required text is refused…). For calls added later by others only
 * what the schema itself refuses is expected to be refused; the rest is 'either', still checked
 * for clean refusals, an intact file and masked personal data.
 */
export function casesFor(key: ContractKey, base: unknown, known: boolean): Case[] {
  const schema = contract[key].input
  const cases: Case[] = []
  const add = (label: string, input: unknown, expect: Expect) =>
    cases.push({ key, label, input, expect: expect === 'refuse' || !schema.safeParse(input).success ? 'refuse' : 'either' })
  const semanticOnly = (e: Expect): Expect => (known ? e : 'either')

  // The whole input.
  for (const [label, input] of [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'visit'],
    ['a number', 42],
    ['true', true],
    ['an array', [base]],
  ] as const)
    add(`input ${label}`, input, 'refuse')
  if (base !== null && typeof base === 'object') {
    add('an extra top-level field', { ...base, extra: 1 }, 'refuse')
    const polluted: unknown = JSON.parse(`{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}`)
    add('__proto__ and constructor keys', polluted !== null && typeof polluted === 'object' ? { ...base, ...polluted } : polluted, 'refuse')
  }

  for (const field of fields(schema, base)) {
    const p = field.path
    const at = `${key}.${p.filter((seg) => typeof seg === 'string').join('.')}`
    const name = fieldName(p)
    const s = field.schema
    const label = (what: string) => `${p.join('.')} ${what}`
    const set = (value: unknown) => withValue(base, p, value)
    const semantic = (value: unknown, expect: Expect) => add(label(`= ${JSON.stringify(value).slice(0, 40)}`), set(value), expect)

    // An array element that goes missing leaves a shorter list, which may well be valid.
    add(label('missing'), withValue(base, p, undefined, true), field.optional || typeof p.at(-1) === 'number' ? 'either' : 'refuse')
    add(label('null'), set(null), field.nullable ? 'either' : 'refuse')

    if (s instanceof z.ZodObject) {
      const here = valueAt(base, p)
      if (here !== null && typeof here === 'object') add(label('with an extra field'), set({ ...here, extra: '多余' }), 'refuse')
      for (const v of ['对象', 7, []]) semantic(v, 'refuse')
    } else if (s instanceof z.ZodString) {
      const isDate = s.safeParse('2026-11-10').success && !s.safeParse('x').success
      const isMonth = s.safeParse('2026-11').success && !s.safeParse('x').success
      const identity = name === 'phone' || name === 'idNumber' || name === 'creditCode'
      const required = !field.optional && !field.nullable && !EMPTY_OK.has(at)
      // Blank (empty, only spaces, only control characters) is "not given": refused when required.
      const blank: Expect = semanticOnly(required || isDate || isMonth || STRICT_TEXT.has(at) ? 'refuse' : 'either')
      // Non-blank text that is not a valid value of a checked field.
      const checked = isDate || isMonth || identity || STRICT_TEXT.has(at) || name === 'pin'
      const garbage: Expect = semanticOnly(checked ? 'refuse' : 'either')
      for (const v of [12345, true, {}, ['数组']]) semantic(v, 'refuse')
      semantic(LONG, 'refuse')
      for (const v of ['', CONTROL_ONLY, '   \u3000 ']) semantic(v, blank)
      for (const v of [CONTROL_MIXED, ...SQL, ...HTML, '𠮷野家🙂', 'Ａ１－２']) semantic(v, garbage)
      if (name === 'phone') for (const v of BAD_PHONES) semantic(v, semanticOnly('refuse'))
      if (name === 'idNumber') for (const v of BAD_IDS) semantic(v, semanticOnly('refuse'))
      if (name === 'creditCode') for (const v of BAD_CODES) semantic(v, semanticOnly('refuse'))
      if (isDate) for (const v of BAD_DATES) semantic(v, semanticOnly('refuse'))
      if (isMonth) for (const v of BAD_MONTHS) semantic(v, semanticOnly('refuse'))
      if (STRICT_TEXT.has(at))
        for (const v of ['../ledger.sqlite', '/etc/passwd', '..\\..\\ledger.sqlite', 'ledger.sqlite']) semantic(v, 'refuse')
    } else if (s instanceof z.ZodNumber) {
      for (const v of ['1', true, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, [1]]) semantic(v, 'refuse')
      if (isIdField(p)) {
        for (const v of [0, -1]) semantic(v, 'refuse')
        semantic(999_999, semanticOnly(FILTER_IDS.has(at) || key === 'issue-list' ? 'either' : 'refuse'))
      } else if (name === 'headcount') {
        for (const v of [0, -3, 1000]) semantic(v, semanticOnly('refuse'))
      } else if (name === 'timeLimitDays') {
        for (const v of [0, 366]) semantic(v, semanticOnly('refuse'))
      } else {
        for (const v of [-1, 0, 1_000_000]) semantic(v, s.safeParse(v).success ? 'either' : 'refuse')
      }
    } else if (s instanceof z.ZodBoolean) {
      for (const v of ['true', 1, 0]) semantic(v, 'refuse')
    } else if (s instanceof z.ZodEnum || s instanceof z.ZodLiteral) {
      for (const v of ['bogus', '', 'ACCEPTED', 0]) semantic(v, 'refuse')
    } else if (s instanceof z.ZodArray) {
      for (const v of ['列表', {}, 3]) semantic(v, 'refuse')
      const here = valueAt(base, p)
      semantic([], semanticOnly(name === 'matters' ? 'refuse' : 'either'))
      if (Array.isArray(here) && here.length > 0)
        semantic(
          Array.from({ length: 600 }, () => here[0]),
          'refuse',
        )
    }
  }
  return cases
}

// ---- transitions from every wrong state ----

const ISSUE_ACTIONS: readonly IssueAction[] = [
  'assign',
  'progress',
  'supervise',
  'extend',
  'resolve',
  'callback',
  'close',
  'transfer',
  'reject',
]
const ISSUE_CALLS: Record<IssueAction, ContractKey> = {
  assign: 'issue-assign',
  progress: 'issue-progress',
  supervise: 'issue-supervise',
  extend: 'issue-extend',
  resolve: 'issue-resolve',
  callback: 'issue-callback',
  close: 'issue-close',
  transfer: 'issue-transfer',
  reject: 'issue-reject',
  sign: 'issue-section-sign',
  return: 'issue-section-return',
}

export function transitionCases(world: World<Ledger>, bases: Partial<Record<ContractKey, unknown>>): Case[] {
  const out: Case[] = []
  for (const action of ISSUE_ACTIONS) {
    const key = ISSUE_CALLS[action]
    for (const [state, issue] of Object.entries(world.issues)) {
      if (!issue.voided && allowedActions(issue.status, issue.lastSatisfaction).includes(action)) continue
      const base = bases[key]
      const input = base !== null && typeof base === 'object' ? { ...base, issueId: issue.id, version: issue.version } : base
      out.push({ key, label: `from ${state}`, input, expect: 'refuse', codes: issue.voided ? ['voided'] : ['invalid_transition'] })
    }
  }
  const s = world.sessions
  const t = (key: ContractKey, label: string, input: unknown, codes: readonly string[]) =>
    out.push({ key, label, input, expect: 'refuse', codes })
  t('session-open', 'an open day', { id: s.open.id }, ['invalid_transition'])
  t('session-open', 'a closed day', { id: s.closed.id }, ['invalid_transition'])
  t('session-open', 'a day still to come', { id: s.planned.id }, ['invalid_transition'])
  t('session-close', 'a planned day', { id: s.planned.id }, ['invalid_transition'])
  t('session-close', 'a closed day', { id: s.closed.id }, ['invalid_transition'])
  t('session-update', 'a closed day', { id: s.closed.id, version: s.closed.version, date: '2026-11-03', kind: 'public', location: '改' }, [
    'invalid_transition',
  ])
  const visit = bases['visit-register']
  if (visit !== null && typeof visit === 'object') {
    t('visit-register', 'into a planned day', { ...visit, sessionId: s.planned.id }, ['session_not_open'])
    t('visit-register', 'into a closed day', { ...visit, sessionId: s.closed.id }, ['session_not_open'])
  }
  t('visit-void', 'a voided visit', { visitId: world.voidedVisitId, reason: '再次作废' }, ['invalid_transition'])
  t('session-void', 'a day with visits', { id: s.open.id, reason: '误建' }, ['invalid_transition'])
  return out
}
