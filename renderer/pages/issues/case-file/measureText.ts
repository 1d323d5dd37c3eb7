import { measureKind } from '../../../../shared/codes/case-file'
import type { Measure } from '../../../../electron/contract/types'

/** 元 with thousands separators and at most two decimals: 52,000.5 元. */
export const yuan = (v: number): string => `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`

/** One 处理措施 in words: 责令整改（期限 2026-11-30）, 立案处罚（罚款 52,000 元）, 移送 县公安局. */
export function measureText(m: Measure): string {
  const label = measureKind.label(m.kind)
  const parts: string[] = []
  if (m.rectifyDeadline) parts.push(`期限 ${m.rectifyDeadline}`)
  if (m.fineYuan !== null) parts.push(`罚款 ${yuan(m.fineYuan)}`)
  if (m.referredTo) parts.push(m.referredTo)
  if (m.note) parts.push(m.note)
  return parts.length > 0 ? `${label}（${parts.join('，')}）` : label
}
