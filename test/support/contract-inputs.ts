import type { Ledger } from '../../db/core/open'
import type { ContractKey } from '../../electron/contract'
import { FULL_PHONE, LEADER_PIN, type World } from './world'

// A well-formed call for each contract entry, over the world's records (test/support/world.ts):
// where the fuzz and the personal-data tests start from.

/** A valid call for each contract entry this issue knows (the fuzz synthesizes the others from their schema). */
export function baseInputs(world: World<Ledger>): Partial<Record<ContractKey, unknown>> {
  const { f, sessions, play, playVersions } = world
  const category = f.category('大气').id
  const dep = f.departments[1]?.id ?? 1
  return {
    'settings-update': { bureauName: '某某区生态环境局', showVisitorOnHandover: false },
    'department-save': { name: '新设股室', sortOrder: 9, active: true },
    'staff-save': { name: '新同事', departmentId: dep, title: '科员', role: 'desk', isLeader: false, phone: '13700002222', active: true },
    'category-save': { name: '新类别', timeLimitDays: 10, sortOrder: 20, active: true },
    'holiday-set': { date: '2027-01-02', kind: 'holiday', name: '元旦' },
    'holiday-remove': { date: '2027-01-02' },
    // The supervisor has a PIN (buildWorld): every fuzzed PIN is checked, and wrong ones are logged.
    'operator-select': { staffId: f.leader.id, pin: LEADER_PIN },
    'session-list': { month: '2026-11', status: 'open' },
    'session-get': { id: sessions.open.id },
    'session-plan': {
      date: '2026-11-25',
      kind: 'enterprise',
      title: '十一月企业接待日',
      location: '接待室',
      hostLeaderId: f.leader.id,
      staffIds: [f.desk.id],
      note: '备注',
    },
    'session-update': {
      id: sessions.planned.id,
      version: sessions.planned.version,
      date: '2026-11-20',
      kind: 'leader',
      title: '改期',
      location: '二楼',
      hostLeaderId: f.leader.id,
      staffIds: [f.desk.id],
      note: '改',
    },
    'session-open': { id: sessions.plannedToday.id },
    'session-close': { id: sessions.open2.id },
    'visit-register': {
      sessionId: sessions.open.id,
      visitor: { name: '林小红', phone: '13512345678', idNumber: '11010519491231002X', kind: 'enterprise', address: '城东' },
      organization: { name: '江南印染有限公司', creditCode: '91350100M000100Y43', address: '城西', industry: '纺织业' },
      headcount: 2,
      matters: [
        { type: 'issue', categoryId: category, content: '废水直排', place: '河边' },
        { type: 'consultation', categoryId: category, content: '如何申报', answer: '已告知' },
      ],
      note: '备注',
    },
    'visit-list': { sessionId: sessions.open.id },
    'directory-lookup': { query: '陈志' },
    'visitor-history': { id: world.visitorId },
    'visitor-update': {
      id: world.visitorId,
      version: world.directoryVersions.visitor,
      name: '陈志强',
      phone: '13912345678',
      idNumber: '11010519491231002X',
      kind: 'enterprise',
      address: '城东',
      organizationId: world.organizationId,
      note: '常来',
    },
    'organization-history': { id: world.organizationId },
    'organization-update': {
      id: world.organizationId,
      version: world.directoryVersions.organization,
      name: '青山化工有限公司',
      creditCode: '91350100M000100Y43',
      address: '城东工业园8号',
      industry: '化工',
      note: '重点企业',
    },
    'issue-list': {
      status: ['accepted'],
      categoryId: category,
      departmentId: dep,
      dueState: 'overdue',
      month: '2026-11',
      text: '问题',
      visitorId: world.visitorId,
      organizationId: world.organizationId,
      sessionId: sessions.open.id,
      sort: 'dueDate',
      order: 'asc',
      page: 1,
      pageSize: 20,
    },
    'issue-get': { id: play.assign },
    'issue-assign': {
      issueId: play.assign,
      version: playVersions.assign,
      departmentId: dep,
      assigneeId: f.handler.id,
      leaderId: f.leader.id,
      note: '请核实',
    },
    'issue-progress': { issueId: play.progress, version: playVersions.progress, date: '2026-11-10', note: '已现场核查' },
    'issue-supervise': { issueId: play.supervise, version: playVersions.supervise, note: '请加快办理' },
    // A file name is free text: the phone typed into it leaves masked.
    'issue-attachment-add': {
      issueId: play.assign,
      kind: 'site_photo',
      fileName: `现场照片${FULL_PHONE}.png`,
      contentBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    },
    'issue-attachment-open': { attachmentId: 1 },
    'issue-extend': {
      issueId: play.extend,
      version: playVersions.extend,
      newDueDate: '2027-01-29',
      approverId: f.leader.id,
      reason: '需监测数据',
    },
    'issue-resolve': { issueId: play.resolve, version: playVersions.resolve, result: '已整改到位', date: '2026-11-10' },
    'issue-callback': {
      issueId: play.callback,
      version: playVersions.callback,
      date: '2026-11-10',
      method: 'phone',
      satisfaction: 'basically_satisfied',
      comment: '基本满意',
    },
    'issue-close': { issueId: play.close, version: playVersions.close, note: '销号' },
    'issue-transfer': { issueId: play.transfer, version: playVersions.transfer, to: '市城管局', reason: '属城管职责' },
    'issue-reject': { issueId: play.reject, version: playVersions.reject, reason: '不属本局职责' },
    'summary-month': { month: '2026-11' },
    'petition-notice': { noticeId: world.petition.noticeId },
    'staff-set-pin': { staffId: f.handler.id, pin: '2580', currentPin: '1111' },
    'audit-list': {
      page: 1,
      pageSize: 20,
      entity: 'issue',
      entityId: play.assign,
      actorId: f.desk.id,
      action: 'assign',
      from: '2026-11-01',
      to: '2026-11-30',
    },
    'visitor-reveal': { visitorId: world.visitorId, field: 'phone', reason: '电话回访' },
    'visit-void': { visitId: world.playVisitId, reason: '登记错误' },
    'session-void': { id: sessions.plannedToVoid.id, reason: '日期定错' },
    // A name that is well formed but not in the folder: a fuzzed restore must never replace the ledger.
    'backup-restore': { name: 'ledger-20990101-000000-manual.sqlite' },
  }
}
