import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { backupNow } from '../../db/backup/backup'
import type { StaffActor } from '../../db/core/context'
import { assignIssue, addProgress, recordCallback, rejectIssue, resolveIssue, transferIssue, closeIssue } from '../../db/issues/actions'
import { saveStaff } from '../../db/reference/reference'
import { closeSession, planSession } from '../../db/sessions/sessions'
import type { IssueStatus, Satisfaction, Session } from '../../shared/types'
import { registerContact, registerVisit } from '../../db/visits/register'
import { decidePetition } from '../../db/issues/petition'
import { voidVisit } from '../../db/visits/voids'
import type { AppState } from '../../electron/handlers/types'
import { acceptIssue, openDay, residentVisit } from './desk'
import type { Ledger, LocalLedger } from '../../db/core/open'
import { openEngineLedger } from './engine-ledger'
import { actorOf, FIXTURE_LEADER_PIN, openTempLedger, seedFixture, type Fixture, type TestLedger } from './temp-ledger'

// A small ledger with something in every state, for tests that go through every contract call:
// reception days planned, open, closed; issues in every status (and one of a voided visit);
// people with full phone and ID numbers on file; a backup in the backup folder.

export type IssueState = IssueStatus | 'resolved_satisfied' | 'voided'

export interface StateIssue {
  id: number
  number: string
  status: IssueStatus
  lastSatisfaction: Satisfaction | null
  voided: boolean
  /** Its version as a screen would read it. */
  version: number
}

export interface World<L extends Ledger = LocalLedger> {
  t: TestLedger<L>
  f: Fixture
  state: AppState
  supervisor: StaffActor
  desk: StaffActor
  sessions: { open: Session; open2: Session; planned: Session; plannedToday: Session; plannedToVoid: Session; closed: Session }
  /** One issue per state, for transitions from every wrong state. */
  issues: Record<IssueState, StateIssue>
  /** Issues the base input of each issue call acts on (in a state where the call is allowed). */
  play: Record<'assign' | 'progress' | 'supervise' | 'extend' | 'resolve' | 'callback' | 'close' | 'transfer' | 'reject', number>
  /** The version each of those issues has, as its screen would read it: the base input names it. */
  playVersions: Record<'assign' | 'progress' | 'supervise' | 'extend' | 'resolve' | 'callback' | 'close' | 'transfer' | 'reject', number>
  visitorId: number
  organizationId: number
  /** The versions of that visitor and enterprise as their edit dialogs would read them. */
  directoryVersions: { visitor: number; organization: number }
  liveVisitId: number
  voidedVisitId: number
  playVisitId: number
  /** A 信访事项 by letter from the visitor with a full phone and ID on file, accepted, with its 受理告知书. */
  petition: { issueId: number; noticeId: number }
  backupName: string
  /** Full values on file, which no list or detail may show unmasked. */
  secrets: { phones: string[]; idNumbers: string[] }
}

export const FULL_PHONE = '13912345678'
export const FULL_ID = '11010519491231002X'
export const CREDIT_CODE = '91350100M000100Y43'
export const LEADER_PIN = FIXTURE_LEADER_PIN

/** One world for the whole file, as building it is slow. */
export function worldPerFile(take: (w: World) => void): void {
  let current: World | undefined
  beforeAll(async () => {
    current = await buildWorld()
    take(current)
  }, 120_000)
  afterAll(async () => {
    await current?.t.close()
    current = undefined
  })
}

/** As worldPerFile, on the engine this vitest project runs (engine-ledger.ts). */
export function engineWorldPerFile(take: (w: World<Ledger>) => void): void {
  let current: World<Ledger> | undefined
  beforeAll(async () => {
    current = await buildWorld(() => openEngineLedger(WORLD_START))
    take(current)
  }, 120_000)
  afterAll(async () => {
    await current?.t.close()
    current = undefined
  })
}

const WORLD_START = '2026-11-03 08:00:00'

export async function buildWorld(): Promise<World>
export async function buildWorld(opener: () => Promise<TestLedger<Ledger>>): Promise<World<Ledger>>
export async function buildWorld(opener?: () => Promise<TestLedger<Ledger>>): Promise<World<Ledger>> {
  const t = opener ? await opener() : await openTempLedger(WORLD_START)
  const f = await seedFixture(t)
  const supervisor = actorOf(f.leader)
  const desk = actorOf(f.desk)
  await saveStaff({ ...t.ctx, actor: supervisor }, { id: f.desk.id, name: f.desk.name, phone: '13700001111' })
  const dep = f.departments[1]?.id ?? 1

  const closingDay = await openDay(t, f, '2026-11-03')
  await registerVisit(t.ctx, residentVisit(closingDay.id))
  const closed = await closeSession(t.ctx, closingDay.id)

  const open = await openDay(t, f, '2026-11-10')
  const open2 = await openDay(t, f, '2026-11-10', 'public')
  const planned = await planSession(t.ctx, { date: '2026-11-20', kind: 'leader', location: '局长接待室' })
  const plannedToday = await planSession(t.ctx, { date: '2026-11-10', kind: 'field', location: '城东工业园' })
  const plannedToVoid = await planSession(t.ctx, { date: '2026-11-24', kind: 'public', location: '接待室' })

  const enterprise = await registerVisit(t.ctx, {
    sessionId: open.id,
    visitor: { name: '陈志强', phone: FULL_PHONE, idNumber: FULL_ID, kind: 'enterprise' },
    organization: { name: '青山化工有限公司', creditCode: CREDIT_CODE, address: '城东工业园8号', industry: '化学原料' },
    headcount: 2,
    matters: [{ type: 'consultation', categoryId: f.category('排污许可').id, content: '许可证延续', answer: '提前30日申请' }],
  })

  const make = async (content: string) => (await acceptIssue(t, f, open.id, content)).issueId
  const issueIds: Record<IssueState, number> = {
    accepted: await make('已受理的问题'),
    assigned: await make('已交办的问题'),
    in_progress: await make('办理中的问题'),
    resolved: await make('已办结未回访'),
    resolved_satisfied: await make('已办结已回访满意'),
    closed: await make('已销号的问题'),
    reopened: await make('回访不满意重新办理'),
    transferred: await make('已转办的问题'),
    rejected: await make('不予受理的问题'),
    voided: await make('随来访作废的问题'),
  }
  const assign = (id: number) => assignIssue(t.ctx, { issueId: id, departmentId: dep })
  for (const k of ['assigned', 'in_progress', 'resolved', 'resolved_satisfied', 'closed', 'reopened'] as const) await assign(issueIds[k])
  await addProgress(t.ctx, { issueId: issueIds.in_progress, note: '已现场核查' })
  for (const k of ['resolved', 'resolved_satisfied', 'closed', 'reopened'] as const)
    await resolveIssue(t.ctx, { issueId: issueIds[k], result: '已整改' })
  for (const k of ['resolved_satisfied', 'closed'] as const)
    await recordCallback(t.ctx, { issueId: issueIds[k], method: 'phone', satisfaction: 'satisfied' })
  await closeIssue(t.ctx, { issueId: issueIds.closed })
  await recordCallback(t.ctx, { issueId: issueIds.reopened, method: 'phone', satisfaction: 'unsatisfied', comment: '仍有异味' })
  await transferIssue(t.ctx, { issueId: issueIds.transferred, to: '市城管局', reason: '属城管职责' })
  await rejectIssue(t.ctx, { issueId: issueIds.rejected, reason: '不属环保职责' })

  const playIds = {
    assign: await make('待交办'),
    progress: await make('待记录进展'),
    supervise: await make('待督办'),
    extend: await make('待延期'),
    resolve: await make('待办结'),
    callback: await make('待回访'),
    close: await make('待销号'),
    transfer: await make('待转办'),
    reject: await make('待不予受理'),
  }
  for (const k of ['progress', 'supervise', 'extend', 'resolve', 'callback', 'close'] as const) await assign(playIds[k])
  for (const k of ['callback', 'close'] as const) await resolveIssue(t.ctx, { issueId: playIds[k], result: '已处理' })
  await recordCallback(t.ctx, { issueId: playIds.close, method: 'sms', satisfaction: 'basically_satisfied' })

  const playVisit = await registerVisit(
    t.ctx,
    residentVisit(open.id, { visitor: { name: '刘洋', phone: '13600002222', kind: 'resident' } }),
  )
  const letter = await registerContact(t.ctx, {
    channel: 'letter',
    date: '2026-11-10',
    visitor: { id: enterprise.visitorId, name: '陈志强', kind: 'enterprise' },
    headcount: 1,
    matters: [{ type: 'issue', categoryId: f.category('大气').id, content: '信访：园区夜间异味', intake: { procedure: 'petition' } }],
  })
  const petitionId = letter.matters[0]?.issueId ?? 0
  await decidePetition(t.ctx, { issueId: petitionId, decision: 'accept', delivery: { date: '2026-11-10', method: 'post' } })
  const notice = await t.ledger.db.selectFrom('petition_notices').select('id').where('issue_id', '=', petitionId).executeTakeFirstOrThrow()

  t.ctx.actor = supervisor
  const voidedVisitId = (
    await t.ledger.db
      .selectFrom('matters')
      .select('visit_id')
      .innerJoin('issues', 'issues.matter_id', 'matters.id')
      .where('issues.id', '=', issueIds.voided)
      .executeTakeFirstOrThrow()
  ).visit_id
  await voidVisit(t.ctx, { visitId: voidedVisitId, reason: '重复登记' })

  const info = async (id: number, voided = false): Promise<StateIssue> => {
    const row = await t.ledger.db
      .selectFrom('issues')
      .select(['id', 'number', 'status', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    const last = await t.ledger.db
      .selectFrom('callbacks')
      .select('satisfaction')
      .where('issue_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirst()
    return { id, number: row.number, status: row.status, lastSatisfaction: last?.satisfaction ?? null, voided, version: row.version }
  }
  const issues: Record<IssueState, StateIssue> = {
    accepted: await info(issueIds.accepted),
    assigned: await info(issueIds.assigned),
    in_progress: await info(issueIds.in_progress),
    resolved: await info(issueIds.resolved),
    resolved_satisfied: await info(issueIds.resolved_satisfied),
    closed: await info(issueIds.closed),
    reopened: await info(issueIds.reopened),
    transferred: await info(issueIds.transferred),
    rejected: await info(issueIds.rejected),
    voided: await info(issueIds.voided, true),
  }

  // A server ledger keeps no backups of its own (IT's pg_dump does): the name is one that is not there.
  const ledger: Ledger = t.ledger
  const backupName =
    ledger.engine === 'sqlite' ? (await backupNow(ledger, new Date(2026, 10, 10, 7, 0, 0))).name : 'ledger-20261110-070000-manual.sqlite'
  // The folder dialog answers with a folder on this computer (as a desk would pick a USB drive).
  const state: AppState = {
    ledger: t.ledger,
    operator: supervisor,
    appVersion: 'world',
    now: t.clock.now,
    chooseFolder: async () => path.join(t.dir, '备份盘'),
  }
  const directoryVersions = {
    visitor: (await t.ctx.db.selectFrom('visitors').select('version').where('id', '=', enterprise.visitorId).executeTakeFirstOrThrow())
      .version,
    organization: (
      await t.ctx.db
        .selectFrom('organizations')
        .select('version')
        .where('id', '=', enterprise.organizationId ?? 0)
        .executeTakeFirstOrThrow()
    ).version,
  }
  const versionRows = await t.ctx.db.selectFrom('issues').select(['id', 'version']).where('id', 'in', Object.values(playIds)).execute()
  const versionOf = (id: number) => versionRows.find((r) => r.id === id)?.version ?? 0
  const playVersions = {
    assign: versionOf(playIds.assign),
    progress: versionOf(playIds.progress),
    supervise: versionOf(playIds.supervise),
    extend: versionOf(playIds.extend),
    resolve: versionOf(playIds.resolve),
    callback: versionOf(playIds.callback),
    close: versionOf(playIds.close),
    transfer: versionOf(playIds.transfer),
    reject: versionOf(playIds.reject),
  }
  return {
    t,
    f,
    state,
    supervisor,
    desk,
    sessions: { open, open2, planned, plannedToday, plannedToVoid, closed },
    issues,
    play: playIds,
    playVersions,
    visitorId: enterprise.visitorId,
    organizationId: enterprise.organizationId ?? 0,
    directoryVersions,
    liveVisitId: enterprise.id,
    voidedVisitId,
    playVisitId: playVisit.id,
    petition: { issueId: petitionId, noticeId: notice.id },
    backupName,
    secrets: { phones: [FULL_PHONE, '13812345678', '13700001111', '13600002222'], idNumbers: [FULL_ID] },
  }
}

export function backupFolderOfWorld(w: World<Ledger>): string {
  return path.join(w.t.dir, 'backups')
}

/** An unmasked mainland mobile number or 18-character ID number anywhere in a text. */
export const UNMASKED_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/
export const UNMASKED_ID = /(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])/
