import { sql } from 'kysely'
import type { Executor } from '../core/context'
import { finding as findingList, measureKind } from '../../shared/codes/case-file'
import { CONTACT_CHANNELS } from '../../shared/codes/visits'
import { latestResolve } from '../issues/case-file'
import { getCaseRules } from '../reference/case-rules'
import type { Cell, Column } from './cells'
import { excelDate } from './cells'

// The case file's columns of 问题台账 (month, year and CSV alike), read for the span's issues in
// three queries rather than per row, and appended after the ledger's own columns.

export const CASE_FILE_COLUMNS: readonly Column[] = [
  { header: '被反映对象' },
  { header: '被反映对象信用代码', verbatim: true },
  { header: '属地' },
  { header: '重复件（原问题编号）' },
  { header: '集体访' },
  { header: '协办股室' },
  { header: '主办签收' },
  { header: '查实情况' },
  { header: '处理措施', wrap: true },
  { header: '整改期限' },
  { header: '罚款金额（元）' },
  { header: '超期后延期（次）' },
]

interface Span {
  from: string
  to: string
}

function spanIssues(db: Executor, span: Span) {
  return db
    .selectFrom('issues as i')
    .innerJoin('matters as m', 'm.id', 'i.matter_id')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .where('i.accepted_date', '>=', span.from)
    .where('i.accepted_date', '<', span.to)
    .where('v.voided_at', 'is', null)
}

/** Issue id → its case-file cells, in CASE_FILE_COLUMNS' order (a masked export masks their text with the rest of the row). */
export async function caseFileCells(db: Executor, span: Span): Promise<Map<number, Cell[]>> {
  const rules = await getCaseRules(db)
  const [issues, sections, measures] = await Promise.all([
    spanIssues(db, span)
      .leftJoin('organizations as so', 'so.id', 'i.subject_organization_id')
      .leftJoin('localities as loc', 'loc.id', 'i.locality_id')
      .leftJoin('issues as r', 'r.id', 'i.repeat_of_id')
      .select([
        'i.id',
        'so.name as subject_name',
        'so.credit_code as subject_credit_code',
        'loc.name as locality_name',
        'r.number as repeat_number',
        'v.headcount',
        'v.channel',
        'i.finding',
        sql<number>`(select count(*) from extensions lx where lx.issue_id = i.id and lx.late = 1)`.as('late_extensions'),
      ])
      .execute(),
    spanIssues(db, span)
      .innerJoin('issue_sections as s', 's.issue_id', 'i.id')
      .innerJoin('departments as d', 'd.id', 's.department_id')
      .select(['i.id', 's.role', 's.status', 's.signed_date', 'd.name as department_name'])
      .where('s.status', 'in', ['pending', 'signed'])
      .orderBy('s.id')
      .execute(),
    spanIssues(db, span)
      .innerJoin('issue_measures as im', (j) => j.onRef('im.issue_id', '=', 'i.id').on('im.history_id', '=', latestResolve()))
      .select(['i.id', 'im.kind', 'im.rectify_deadline', 'im.fine_fen', 'im.referred_to', 'im.note'])
      .orderBy('im.id')
      .execute(),
  ])
  const out = new Map<number, Cell[]>()
  for (const i of issues) {
    const own = sections.filter((s) => s.id === i.id)
    const lead = own.find((s) => s.role === 'lead')
    const done = measures.filter((m) => m.id === i.id)
    const fine = done.find((m) => m.kind === 'penalty')?.fine_fen ?? null
    const words = done.map((m) => {
      const what = m.kind === 'referral' && m.referred_to ? `移送${m.referred_to}` : measureKind.label(m.kind)
      return m.note ? `${what}（${m.note}）` : what
    })
    out.set(i.id, [
      i.subject_name,
      i.subject_credit_code,
      i.locality_name,
      i.repeat_number,
      !CONTACT_CHANNELS.some((c) => c === i.channel) && i.headcount >= rules.collectiveHeadcount ? `是（${i.headcount}人）` : null,
      own
        .filter((s) => s.role === 'assist')
        .map((s) => s.department_name)
        .join('、') || null,
      lead === undefined ? null : lead.status === 'signed' ? `已签收 ${lead.signed_date ?? ''}`.trim() : '待签收',
      i.finding === null ? null : findingList.label(i.finding),
      words.join('；') || null,
      excelDate(done.find((m) => m.kind === 'rectify')?.rectify_deadline ?? null),
      fine === null ? null : fine / 100,
      Number(i.late_extensions) > 0 ? Number(i.late_extensions) : null,
    ])
  }
  return out
}
