import { issueVisitJoin } from './join'
import { sql } from 'kysely'
import type { Executor } from '../core/context'
import { notFound } from '../core/errors'
import { CONTACT_CHANNELS } from '../../shared/codes/visits'
import { getCaseRules } from '../reference/case-rules'
import type { IssueCaseFile, IssueLink, SectionHandover } from '../../shared/types'

// What the issue drawer shows of the case file, read in one place for the detail.

/** The 办结 whose 处理措施 stand: the latest one; a reopened issue shows what was done last. */
export function latestResolve() {
  return sql<number>`(select max(rh.id) from issue_history rh where rh.issue_id = i.id and rh.action = 'resolve')`
}

const SECTION_ORDER: Record<SectionHandover['status'], number> = { pending: 0, signed: 0, returned: 1, withdrawn: 1 }

export async function issueCaseFile(db: Executor, issueId: number): Promise<IssueCaseFile> {
  const rules = await getCaseRules(db)
  const row = await issueVisitJoin(db)
    .leftJoin('organizations as so', 'so.id', 'i.subject_organization_id')
    .leftJoin('localities as loc', 'loc.id', 'i.locality_id')
    .leftJoin('issues as r', 'r.id', 'i.repeat_of_id')
    .select([
      'i.subject_organization_id',
      'so.name as subject_name',
      'so.credit_code as subject_credit_code',
      'i.locality_id',
      'loc.name as locality_name',
      'r.id as repeat_id',
      'r.number as repeat_number',
      'r.status as repeat_status',
      'r.accepted_date as repeat_accepted_date',
      'v.headcount',
      'v.channel',
      'i.finding',
      latestResolve().as('resolve_id'),
    ])
    .where('i.id', '=', issueId)
    .executeTakeFirst()
  if (!row) throw notFound('问题', issueId)

  const [repeatedBy, sections, measures, extensions] = await Promise.all([
    db
      .selectFrom('issues as i')
      .select(['i.id', 'i.number', 'i.status', 'i.accepted_date'])
      .where('i.repeat_of_id', '=', issueId)
      .orderBy('i.accepted_date')
      .orderBy('i.id')
      .execute(),
    db
      .selectFrom('issue_sections as s')
      .innerJoin('departments as d', 'd.id', 's.department_id')
      .leftJoin('staff as st', 'st.id', 's.signer_id')
      .select([
        's.id',
        's.department_id',
        'd.name as department_name',
        's.role',
        's.status',
        's.assigned_at',
        's.signed_date',
        'st.name as signer_name',
        's.return_reason',
        's.answered_at',
      ])
      .where('s.issue_id', '=', issueId)
      .orderBy('s.id')
      .execute(),
    row.resolve_id === null
      ? Promise.resolve([])
      : db
          .selectFrom('issue_measures')
          .selectAll()
          .where('issue_id', '=', issueId)
          .where('history_id', '=', row.resolve_id)
          .orderBy('id')
          .execute(),
    db
      .selectFrom('extensions')
      .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(late), 0)`.as('late')])
      .where('issue_id', '=', issueId)
      .executeTakeFirstOrThrow(),
  ])
  const link = (r: { id: number; number: string; status: IssueLink['status']; accepted_date: string }): IssueLink => ({
    id: r.id,
    number: r.number,
    status: r.status,
    acceptedDate: r.accepted_date,
  })
  const inPerson = !CONTACT_CHANNELS.some((c) => c === row.channel)
  return {
    subject:
      row.subject_organization_id === null
        ? null
        : { organizationId: row.subject_organization_id, name: row.subject_name ?? '', creditCode: row.subject_credit_code },
    localityId: row.locality_id,
    localityName: row.locality_name,
    repeatOf:
      row.repeat_id === null || row.repeat_number === null || row.repeat_status === null || row.repeat_accepted_date === null
        ? null
        : link({ id: row.repeat_id, number: row.repeat_number, status: row.repeat_status, accepted_date: row.repeat_accepted_date }),
    repeatedBy: repeatedBy.map(link),
    collective: inPerson && row.headcount >= rules.collectiveHeadcount,
    headcount: row.headcount,
    sections: sections
      .map((s): SectionHandover => ({
        id: s.id,
        departmentId: s.department_id,
        departmentName: s.department_name,
        role: s.role,
        status: s.status,
        assignedAt: s.assigned_at,
        signedDate: s.signed_date,
        signerName: s.signer_name,
        returnReason: s.return_reason,
        answeredAt: s.answered_at,
      }))
      .sort(
        (a, b) => SECTION_ORDER[a.status] - SECTION_ORDER[b.status] || (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1) || a.id - b.id,
      ),
    finding: row.finding,
    measures: measures.map((m) => ({
      kind: m.kind,
      rectifyDeadline: m.rectify_deadline,
      fineYuan: m.fine_fen === null ? null : m.fine_fen / 100,
      referredTo: m.referred_to,
      note: m.note,
    })),
    extensionCount: Number(extensions.n),
    lateExtensionCount: Number(extensions.late),
  }
}
