import { FOUND_TRUE } from '../../shared/codes/case-file'
import type { CaseFileFigures } from '../../shared/types'

/** 元 as a report writes them: 12,500元, 3.5万元 from ten thousand up. */
export function yuanText(yuan: number): string {
  if (yuan >= 10_000) return `${Math.round(yuan / 100) / 100}万元`
  return `${yuan.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}元`
}

/**
 * What checking found and what was done, as the report says it: "经核查属实（含部分属实）12个，属实率
 * 80%，立案查处3件，罚款5.2万元" (a clause of the sentence). Empty when no 办结 of the period records a 查实情况.
 */
export function caseFileSentence(c: CaseFileFigures): string {
  const checked = Object.values(c.findings).reduce((a, b) => a + b, 0)
  if (checked === 0) return ''
  const foundTrue = FOUND_TRUE.reduce((a, f) => a + c.findings[f], 0)
  let text = `经核查属实（含部分属实）${foundTrue}个，属实率${c.verifiedRate ?? '—'}%`
  if (c.rectifyOrders > 0) text += `，责令整改${c.rectifyOrders}件`
  if (c.penaltyCases > 0) text += `，立案查处${c.penaltyCases}件${c.fineYuan > 0 ? `，罚款${yuanText(c.fineYuan)}` : ''}`
  return text
}
