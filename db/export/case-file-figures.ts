import { FOUND_TRUE, finding } from '../../shared/codes/case-file'
import type { PeriodSummary } from '../../shared/types'
import type { Cell } from './cells'
import type { Figure } from './summary-sheet'

// 汇总's rows for the case file, defined as db/figures/case-file.ts computes them.

type Summary = Parameters<Figure['value']>[0]

const found = (s: Summary): number | null => (s.caseFile ? FOUND_TRUE.reduce((a, f) => a + (s.caseFile?.findings[f] ?? 0), 0) : null)

export const CASE_FILE_FIGURES: readonly Figure[] = [
  {
    label: '重复件（个）',
    value: (s) => s.caseFile?.repeats ?? null,
    note: '本期登记、与此前同一被反映对象或同一来访人同类问题关联的',
    inYear: true,
  },
  {
    label: '集体访（批）',
    value: (s) => s.caseFile?.collectiveVisits ?? null,
    note: '本期现场来访中人数达到设置的集体访人数（当前为 N 人）及以上的',
    inYear: true,
  },
  { label: '集体访（人次）', value: (s) => s.caseFile?.collectivePersonTimes ?? null, note: '上述集体访的人数之和' },
  ...finding.codes.map((code): Figure => ({
    label: `查实：${finding.labels[code]}（个）`,
    value: (s) => s.caseFile?.findings[code] ?? null,
    note: code === 'verified' ? '本期受理、目前已办结或已销号的问题中，办结时记录的查实情况' : '',
  })),
  {
    label: '属实率',
    value: (s) => s.caseFile?.verifiedRate ?? null,
    rate: true,
    note: '（属实 + 部分属实）÷ 记录了查实情况的已办结问题',
    inYear: true,
  },
  { label: '属实（含部分属实）（个）', value: found, note: '' },
  {
    label: '责令整改（件）',
    value: (s) => s.caseFile?.rectifyOrders ?? null,
    note: '最近一次办结的处理措施含责令整改的问题',
    inYear: true,
  },
  { label: '立案数（件）', value: (s) => s.caseFile?.penaltyCases ?? null, note: '最近一次办结的处理措施含立案处罚的问题', inYear: true },
  { label: '罚款金额（元）', value: (s) => s.caseFile?.fineYuan ?? null, note: '上述立案处罚的罚款金额之和', inYear: true },
  { label: '移送（件）', value: (s) => s.caseFile?.referrals ?? null, note: '处理措施含移送其他机关的问题' },
  {
    label: '超期后延期（次）',
    value: (s) => s.caseFile?.lateExtensions ?? null,
    note: '本期批准、批准时已过办结时限的延期；这些问题不计为按期办结',
    inYear: true,
  },
]

/** The note of 集体访 names the head-count in force when the file was made. */
export function caseFileNote(figure: Figure, s: Summary): string {
  return s.caseFile ? figure.note.replace('N 人', `${s.caseFile.collectiveHeadcount} 人`) : figure.note
}

/** 汇总's 属地 table, below the sections: accepted, resolved and found true per 乡镇/街道; none when the period has none. */
export function localityTable(s: Pick<PeriodSummary, 'caseFile'>): Cell[][] {
  const byLocality = s.caseFile?.byLocality ?? []
  if (byLocality.length === 0) return []
  return [
    ['属地', '受理（个）', '办结（个）', '属实（含部分属实）（个）'],
    ...byLocality.map((l) => [l.localityName, l.issuesAccepted, l.issuesResolved, l.verified]),
  ]
}
