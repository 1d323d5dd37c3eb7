import { assertAdministers } from '../core/access'
import { audit } from '../core/audit'
import { write, type Executor, type LedgerContext } from '../core/context'
import { LedgerError } from '../core/errors'
import {
  DEFAULT_COLLECTIVE_HEADCOUNT,
  DEFAULT_EXTENSION_CEILING_WORKDAYS,
  DEFAULT_MAX_EXTENSIONS,
  DEFAULT_REPEAT_WINDOW_DAYS,
} from '../../shared/limits'
import type { CaseRules } from '../../shared/types'

// The case file's numbers in 设置, in the settings table beside the others. They decide deadlines
// (extensions) and figures (重复件, 集体访), so only a supervisor changes them, and every change is audited.

interface Rule {
  key: string
  fallback: number
  min: number
  max: number
  label: string
}

const RULES: Readonly<Record<keyof CaseRules, Rule>> = {
  repeatWindowDays: { key: 'repeat_window_days', fallback: DEFAULT_REPEAT_WINDOW_DAYS, min: 1, max: 3650, label: '重复件判定天数' },
  collectiveHeadcount: { key: 'collective_headcount', fallback: DEFAULT_COLLECTIVE_HEADCOUNT, min: 2, max: 999, label: '集体访人数' },
  maxExtensions: { key: 'max_extensions', fallback: DEFAULT_MAX_EXTENSIONS, min: 0, max: 10, label: '延期次数上限' },
  extensionCeilingWorkdays: {
    key: 'extension_ceiling_workdays',
    fallback: DEFAULT_EXTENSION_CEILING_WORKDAYS,
    min: 1,
    max: 365,
    label: '延期累计上限（工作日）',
  },
}

const FIELDS: readonly (keyof CaseRules)[] = ['repeatWindowDays', 'collectiveHeadcount', 'maxExtensions', 'extensionCeilingWorkdays']

export async function getCaseRules(db: Executor): Promise<CaseRules> {
  const rows = await db
    .selectFrom('settings')
    .selectAll()
    .where(
      'key',
      'in',
      FIELDS.map((f) => RULES[f].key),
    )
    .execute()
  const stored = new Map(rows.map((r) => [r.key, Number(r.value)]))
  const value = (field: keyof CaseRules): number => {
    const v = stored.get(RULES[field].key)
    return v !== undefined && Number.isInteger(v) ? v : RULES[field].fallback
  }
  return {
    repeatWindowDays: value('repeatWindowDays'),
    collectiveHeadcount: value('collectiveHeadcount'),
    maxExtensions: value('maxExtensions'),
    extensionCeilingWorkdays: value('extensionCeilingWorkdays'),
  }
}

export async function updateCaseRules(ctx: LedgerContext, input: Partial<CaseRules>): Promise<CaseRules> {
  await assertAdministers(ctx, '修改重复件、集体访和延期规则')
  const pairs: [string, string][] = []
  for (const field of FIELDS) {
    const r = RULES[field]
    const v = input[field]
    if (v === undefined) continue
    if (!Number.isInteger(v) || v < r.min || v > r.max) throw new LedgerError('invalid_input', `${r.label}须为 ${r.min} 至 ${r.max} 的整数`)
    pairs.push([r.key, String(v)])
  }
  return write(ctx, async (trx) => {
    const before = await getCaseRules(trx)
    for (const [key, value] of pairs) {
      await trx
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute()
    }
    const after = await getCaseRules(trx)
    await audit(trx, ctx, 'update', 'settings', null, { caseRules: { before, after } })
    return after
  })
}
