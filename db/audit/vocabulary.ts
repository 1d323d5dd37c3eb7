// The audit log's rows in the office's words (codes from shared/codes/audit.ts), for the screen,
// the CSV and the summary line alike: the renderer receives the words with each row.

import { AUDIT_FILTER_ACTIONS, auditAction, auditEntity } from '../../shared/codes/audit'
import { revealField } from '../../shared/codes/privacy'

export function auditActionLabel(action: string, entity: string): string {
  // 'close' means 销号 for an issue and 结束 for a reception day.
  if (action === 'close') return entity === 'issue' ? '销号' : '结束'
  return auditAction.label(action)
}

export function auditEntityLabel(entity: string, entityId: number | null): string {
  return `${auditEntity.label(entity)}${entityId === null ? '' : ` #${entityId}`}`
}

export interface LabeledCode {
  value: string
  label: string
}

/** What the screen offers to filter by, worded. */
export function auditFilterOptions(): { entities: LabeledCode[]; actions: LabeledCode[] } {
  return {
    entities: auditEntity.options(),
    actions: AUDIT_FILTER_ACTIONS.map((value) => ({ value, label: value === 'close' ? '销号 / 结束' : auditActionLabel(value, '') })),
  }
}

/** The detail fields worth a glance beside the summary, in this order; the rest stay in the JSON. */
const DIGEST: readonly (readonly [string, string])[] = [
  ['name', '姓名'],
  ['visitorName', '来访人'],
  ['title', '名称'],
  ['field', '字段'],
  ['issues', '问题'],
  ['reason', '原因'],
  ['after', '改为'],
]

/** A one-line reading of a row's JSON detail, e.g. “姓名：王晓丽；原因：登记重复”. */
export function auditDigest(detail: string): string {
  let parsed: unknown
  try {
    parsed = JSON.parse(detail)
  } catch {
    return ''
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return ''
  const parts: string[] = []
  for (const [key, label] of DIGEST) {
    const value: unknown = Reflect.get(parsed, key)
    if (typeof value === 'string' && value !== '') parts.push(`${label}：${key === 'field' ? revealField.label(value) : value}`)
    else if (typeof value === 'number') parts.push(`${label}：${value}`)
    else if (Array.isArray(value) && value.length > 0 && value.every((x) => typeof x === 'string'))
      parts.push(`${label}：${value.join('、')}`)
  }
  return parts.join('；')
}
