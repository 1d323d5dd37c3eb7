import { historyAction } from '../../shared/codes/issues'

// The timeline's words for the case file's history rows, read from the row's detail: which
// section signed and who for it, what was corrected from what to what.

function parse(detail: string | null): Record<string, unknown> {
  if (detail === null) return {}
  try {
    const value: unknown = JSON.parse(detail)
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {}
  } catch {
    return {}
  }
}

const str = (v: unknown): string => (typeof v === 'string' && v !== '' ? v : '—')

function named(v: unknown, key: string): string {
  return v !== null && typeof v === 'object' ? str(Object.getOwnPropertyDescriptor(v, key)?.value) : '—'
}

/** The title of a history row: the case file's own words, or `described` (from its statuses) for any other row. */
export function caseFileHistoryTitle(action: string, detailText: string | null, described: string): string {
  const d = parse(detailText)
  switch (action) {
    case 'sign':
      return `签收：${str(d.department)}（${str(d.role)}），签收人 ${str(d.signer)}，${str(d.date)}`
    case 'return':
      return `${historyAction.labels.return}：${str(d.department)}`
    case 'return_assist':
      return `${historyAction.labels.return_assist}：${str(d.department)}`
    case 'recategorize':
      return `${historyAction.labels.recategorize}：${str(d.from)} → ${str(d.to)}`
    case 'case_file': {
      const parts: string[] = []
      if (named(d.before, 'subject') !== named(d.after, 'subject'))
        parts.push(`被反映对象 ${named(d.before, 'subject')} → ${named(d.after, 'subject')}`)
      if (named(d.before, 'locality') !== named(d.after, 'locality'))
        parts.push(`属地 ${named(d.before, 'locality')} → ${named(d.after, 'locality')}`)
      return `${historyAction.labels.case_file}：${parts.join('；') || '—'}`
    }
    case 'resolve': {
      if (typeof d.finding !== 'string') return described
      const measures = Array.isArray(d.measures) ? d.measures.filter((m): m is string => typeof m === 'string') : []
      return `${described}：查实情况 ${d.finding}${measures.length > 0 ? `，处理措施 ${measures.join('、')}` : ''}`
    }
    default:
      return described
  }
}
