// The raw floor for registering a visit: the statements db/visits.ts registerVisit sends, written
// by hand as better-sqlite3 prepared statements, in one IMMEDIATE transaction: the same reads,
// the same rows (visit, two matters, issue, history, two chained audit rows, the visitor's and the
// enterprise's last-visit dates), the same read-back.
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import { createHash } from 'node:crypto'
import type { WorkCalendar } from '../db/calendar/working-days'
import type { RegisterVisitInput } from '../db/visits/register'

export interface FloorRegisterSetup {
  sessionId: number
  date: string
  input: RegisterVisitInput
  actor: { id: number; name: string }
  consultCategory: number
  issueCategory: number
  limitDays: number
  calendar: WorkCalendar
  now: () => Date
}

const field = (row: unknown, key: string): unknown =>
  row !== null && typeof row === 'object' && key in row ? Object.getOwnPropertyDescriptor(row, key)?.value : undefined

function stampOf(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
}

export function makeFloorRegister(s: BetterSqlite3.Database, setup: FloorRegisterSetup): () => void {
  const { input, actor } = setup
  const consultation = input.matters.find((m) => m.type === 'consultation')
  const issue = input.matters.find((m) => m.type === 'issue')
  if (!consultation || consultation.type !== 'consultation' || !issue || issue.type !== 'issue')
    throw new Error('the floor registers one consultation and one issue')
  const st = {
    begin: s.prepare('begin immediate'),
    commit: s.prepare('commit'),
    session: s.prepare('select * from sessions where id = ? and voided_at is null'),
    categories: s.prepare('select * from categories where id in (?, ?)'),
    org: s.prepare('select * from organizations where credit_code = ? and merged_into_id is null'),
    visitor: s.prepare('select * from visitors where phone = ? and name = ? and merged_into_id is null order by id'),
    visit: s.prepare(
      `insert into visits (session_id, visitor_id, organization_id, headcount, visit_date, arrived_at, channel, received_by_id, note, voided_at, void_reason, created_at)
       values (?, ?, ?, ?, ?, ?, 'desk', ?, null, null, null, ?)`,
    ),
    visitorLast: s.prepare(
      'update visitors set last_visit_date = (select max(v.visit_date) from visits v where v.visitor_id = visitors.id and v.voided_at is null) where id in (?)',
    ),
    organizationLast: s.prepare(
      'update organizations set last_visit_date = (select max(v.visit_date) from visits v where v.organization_id = organizations.id and v.voided_at is null) where id in (?)',
    ),
    holidays: s.prepare('select date, kind from holiday_overrides'),
    matter: s.prepare('insert into matters (visit_id, type, category_id, content, answer, place, created_at) values (?, ?, ?, ?, ?, ?, ?)'),
    maxSeq: s.prepare('select max(seq) as max_seq from issues where year_month = ?'),
    issue: s.prepare(
      `insert into issues (matter_id, number, year_month, seq, status, category_id, accepted_date, due_date, department_id, assignee_id, leader_id,
         first_contact_id, result, resolved_date, closed_date, transfer_to, reason, created_at, updated_at)
       values (?, ?, ?, ?, 'accepted', ?, ?, ?, null, null, null, ?, null, null, null, null, null, ?, ?)`,
    ),
    history: s.prepare(
      "insert into issue_history (issue_id, action, from_status, to_status, actor_id, at, reason, detail) values (?, 'accept', null, 'accepted', ?, ?, null, ?)",
    ),
    lastHash: s.prepare('select hash from audit_log order by id desc limit 1'),
    audit: s.prepare(
      'insert into audit_log (at, actor_id, actor_name, action, entity, entity_id, detail, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    readVisit: s.prepare(
      `select v.*, p.name as visitor_name, p.phone as visitor_phone, o.name as organization_name, r.name as received_by_name
       from visits v join visitors p on p.id = v.visitor_id left join organizations o on o.id = v.organization_id left join staff r on r.id = v.received_by_id
       where v.voided_at is null and v.id in (?) order by v.arrived_at desc, v.id desc limit 500`,
    ),
    readMatters: s.prepare(
      `select m.*, c.name as category_name, i.id as issue_id, i.number as issue_number, i.status as issue_status
       from matters m join categories c on c.id = m.category_id left join issues i on i.matter_id = m.id where m.visit_id in (?) order by m.id`,
    ),
  }
  const auditRow = (action: string, entity: string, entityId: number, detail: Record<string, unknown>, at: string): void => {
    const prev = String(field(st.lastHash.get(), 'hash') ?? '0'.repeat(64))
    const text = JSON.stringify(detail)
    const body = [prev, at, actor.id, actor.name, action, entity, entityId, text].join('\u001f')
    st.audit.run(at, actor.id, actor.name, action, entity, entityId, text, prev, createHash('sha256').update(body).digest('hex'))
  }
  return () => {
    const at = stampOf(setup.now())
    st.begin.run()
    try {
      st.session.get(setup.sessionId)
      st.categories.all(setup.consultCategory, setup.issueCategory)
      const orgId = Number(field(st.org.get(input.organization?.creditCode), 'id') ?? 0) || null
      const visitorId = Number(field(st.visitor.get(input.visitor.phone, input.visitor.name), 'id') ?? 0)
      const visitId = Number(st.visit.run(setup.sessionId, visitorId, orgId, input.headcount, setup.date, at, actor.id, at).lastInsertRowid)
      st.visitorLast.run(visitorId)
      if (orgId !== null) st.organizationLast.run(orgId)
      st.holidays.all()
      st.matter.run(visitId, 'consultation', setup.consultCategory, consultation.content, consultation.answer, null, at)
      const matterId = Number(
        st.matter.run(visitId, 'issue', setup.issueCategory, issue.content, null, issue.place ?? null, at).lastInsertRowid,
      )
      const ym = setup.date.slice(0, 7)
      const seq = Number(field(st.maxSeq.get(ym), 'max_seq') ?? 0) + 1
      const number = `JD-${ym}-${String(seq).padStart(4, '0')}`
      const due = setup.calendar.addWorkdays(setup.date, setup.limitDays)
      const issueId = Number(
        st.issue.run(matterId, number, ym, seq, setup.issueCategory, setup.date, due, actor.id, at, at).lastInsertRowid,
      )
      st.history.run(issueId, actor.id, at, JSON.stringify({ number }))
      auditRow('accept', 'issue', issueId, { from: null, to: 'accepted', reason: null, number }, at)
      auditRow(
        'register',
        'visit',
        visitId,
        { sessionId: setup.sessionId, visitorId, organizationId: orgId, headcount: input.headcount, consultations: 1, issues: [number] },
        at,
      )
      st.commit.run()
      st.readVisit.all(visitId)
      st.readMatters.all(visitId)
    } catch (e) {
      if (s.inTransaction) s.exec('rollback')
      throw e
    }
  }
}
