import { claimVersion, nextVersion, staleRecord, type Versioned } from '../core/versions'
import { assertSignedIn } from '../core/access'
import { audit } from '../core/audit'
import { stamp, today, write, type LedgerContext, type Tx } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { detailOf as detail, loadForAction } from './load'
import { recordHistory } from './history'
import { checkExtension } from './extensions'
import { cleanFindings, findingsDetail, recordFindings, type FindingsInput } from './findings'
import { assertRoleFor } from './lifecycle'
import { assistNames, cleanAssists, handOverSections, withdrawSections } from './sections'
import type { CallbackMethod, IssueRow, Satisfaction } from '../core/schema'
import type { IssueDetail } from '../../shared/types'
import { withPinCheck } from '../staff/pin-check'
import { requireDate } from '../validation/dates'
import { optionalText, requireText } from '../validation/text'

async function activeStaff(trx: Tx, id: number, label: string): Promise<{ id: number; name: string }> {
  const s = await trx.selectFrom('staff').select(['id', 'name', 'active']).where('id', '=', id).executeTakeFirst()
  if (!s) throw notFound(label, id)
  if (s.active !== 1) throw new LedgerError('invalid_input', `${label}“${s.name}”已停用`)
  return s
}

/** A date the user typed for something that happened: not before the issue, not in the future. */
function pastDate(ctx: LedgerContext, value: string | undefined, label: string, notBefore: string): string {
  const date = value === undefined ? today(ctx) : requireDate(value, label)
  if (date > today(ctx)) throw new LedgerError('invalid_date', `${label}不能晚于今天（${today(ctx)}）`)
  if (date < notBefore) throw new LedgerError('invalid_date', `${label}不能早于受理日期（${notBefore}）`)
  return date
}

export interface AssignInput {
  issueId: number
  departmentId: number
  assigneeId?: number | null | undefined
  leaderId?: number | null | undefined
  /** 协办 sections beside the lead (主办) one; a reassignment names them again. */
  assistDepartmentIds?: number[] | null | undefined
  note?: string | null | undefined
}

export async function assignIssue(ctx: LedgerContext, input: AssignInput & Versioned): Promise<IssueDetail> {
  const note = optionalText(input.note, '交办意见', 1000)
  const assistIds = cleanAssists(input.departmentId, input.assistDepartmentIds)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
    const issue = await loadForAction(trx, input.issueId, 'assign')
    const dep = await trx.selectFrom('departments').select(['id', 'name', 'active']).where('id', '=', input.departmentId).executeTakeFirst()
    if (!dep) throw notFound('股室', input.departmentId)
    if (dep.active !== 1) throw new LedgerError('invalid_input', `股室“${dep.name}”已停用`)
    const assignee = input.assigneeId ? await activeStaff(trx, input.assigneeId, '责任人') : null
    const leader = input.leaderId ? await activeStaff(trx, input.leaderId, '包案领导') : null
    const assists = await assistNames(trx, assistIds)
    const to = issue.status === 'accepted' ? 'assigned' : issue.status
    await trx
      .updateTable('issues')
      .set({
        version: nextVersion,
        status: to,
        department_id: dep.id,
        assignee_id: assignee?.id ?? null,
        leader_id: leader?.id ?? null,
        updated_at: stamp(ctx),
      })
      .where('id', '=', issue.id)
      .execute()
    await handOverSections(trx, ctx, issue.id, dep.id, assistIds)
    await recordHistory(trx, ctx, issue.id, issue.status === 'accepted' ? 'assign' : 'reassign', issue.status, to, note, {
      department: dep.name,
      assignee: assignee?.name ?? null,
      leader: leader?.name ?? null,
      ...(assists.length > 0 ? { assists } : {}),
    })
  })
  return detail(ctx, input.issueId)
}

export async function addProgress(
  ctx: LedgerContext,
  input: { issueId: number; date?: string | undefined; note: string } & Versioned,
): Promise<IssueDetail> {
  const note = requireText(input.note, '进展情况', 2000)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
    const issue = await loadForAction(trx, input.issueId, 'progress')
    const date = pastDate(ctx, input.date, '进展日期', issue.accepted_date)
    await trx
      .insertInto('progress_notes')
      .values({ issue_id: issue.id, kind: 'progress', note_date: date, note, actor_id: ctx.actor.id, created_at: stamp(ctx) })
      .execute()
    if (issue.status !== 'in_progress') {
      await trx
        .updateTable('issues')
        .set({ version: nextVersion, status: 'in_progress', updated_at: stamp(ctx) })
        .where('id', '=', issue.id)
        .execute()
      await recordHistory(trx, ctx, issue.id, 'progress', issue.status, 'in_progress', null)
    } else {
      await trx
        .updateTable('issues')
        .set({ version: nextVersion, updated_at: stamp(ctx) })
        .where('id', '=', issue.id)
        .execute()
      await audit(trx, ctx, 'progress', 'issue', issue.id, { date })
    }
  })
  return detail(ctx, input.issueId)
}

export async function superviseIssue(ctx: LedgerContext, input: { issueId: number; note: string } & Versioned): Promise<IssueDetail> {
  const note = requireText(input.note, '督办意见', 1000)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
    const issue = await loadForAction(trx, input.issueId, 'supervise')
    await trx
      .insertInto('progress_notes')
      .values({ issue_id: issue.id, kind: 'supervision', note_date: today(ctx), note, actor_id: ctx.actor.id, created_at: stamp(ctx) })
      .execute()
    await audit(trx, ctx, 'supervise', 'issue', issue.id, { dueDate: issue.due_date })
  })
  return detail(ctx, input.issueId)
}

export interface ExtendInput {
  issueId: number
  newDueDate: string
  /** Who approves: omitted (or the actor) when the signed-in supervisor approves it. */
  approverId?: number | undefined
  /** Another supervisor's own PIN, typed by them at the desk to confirm they approve. */
  approverPin?: string | undefined
  reason: string
}

interface Approver {
  id: number
  name: string
  /** Their PIN, when they confirm at the desk. */
  pin_hash: string | null
}

/**
 * Who approves an extension: a supervisor or a leader (局领导), never whoever is at the desk — the one
 * signed in, or another who confirms with their own PIN (checked and counted as a sign-in is).
 * Naming someone is not enough. The system (an import of an old sheet, the demo) records the
 * approver the source names, who must still be a supervisor or a leader.
 */
async function extensionApprover(ctx: LedgerContext, input: ExtendInput): Promise<Approver & { confirm: boolean }> {
  const { actor } = ctx
  const approverId = input.approverId ?? (actor.kind === 'staff' ? actor.id : undefined)
  if (approverId === undefined) throw new LedgerError('invalid_input', '请指定批准人')
  if (actor.kind !== 'system') await assertSignedIn(ctx, '延期')
  const s = await ctx.db
    .selectFrom('staff')
    .select(['id', 'name', 'role', 'is_leader', 'active', 'pin_hash', 'pin_initial'])
    .where('id', '=', approverId)
    .executeTakeFirst()
  if (!s) throw notFound('批准人', approverId)
  if (s.active !== 1) throw new LedgerError('invalid_input', `批准人“${s.name}”已停用`)
  const approves = s.role === 'supervisor' || s.is_leader === 1
  if (!approves) throw new LedgerError('forbidden', `延期须由负责人或局领导批准，“${s.name}”不是负责人或局领导`)
  if (actor.kind === 'system') {
    return { id: s.id, name: s.name, pin_hash: null, confirm: false }
  }
  const ownPin = s.pin_hash !== null && s.pin_initial === 0
  if (actor.kind === 'staff' && s.id === actor.id) {
    if (!actor.ownPin || !ownPin) {
      throw new LedgerError('forbidden', '延期须经负责人或局领导批准：请其本人输入 PIN 登录后操作，或选择批准人并由其输入本人 PIN')
    }
    return { id: s.id, name: s.name, pin_hash: null, confirm: false }
  }
  if (!ownPin) throw new LedgerError('forbidden', `批准人“${s.name}”尚未设置本人 PIN，不能批准延期`)
  if ((input.approverPin ?? '').trim() === '') throw new LedgerError('pin_required', `请批准人“${s.name}”输入本人 PIN`)
  return { id: s.id, name: s.name, pin_hash: s.pin_hash, confirm: true }
}

export async function extendIssue(ctx: LedgerContext, input: ExtendInput & Versioned): Promise<IssueDetail> {
  const newDue = requireDate(input.newDueDate, '新的办结时限')
  const reason = requireText(input.reason, '延期理由', 1000)
  const extendable = async (trx: Tx): Promise<{ issue: IssueRow; late: boolean }> => {
    const issue = await loadForAction(trx, input.issueId, 'extend')
    const late = await checkExtension(trx, ctx, issue, newDue)
    return { issue, late }
  }
  // The issue is checked before the approver, so a refusal for the issue's sake asks for no PIN.
  await ctx.db.transaction().execute(async (trx) => {
    // The version too, before the approver types a PIN: the save claims it again (claimVersion).
    if (input.version !== undefined) {
      const stored = await trx.selectFrom('issues').select('version').where('id', '=', input.issueId).executeTakeFirst()
      if (stored !== undefined && stored.version !== input.version) throw staleRecord('issues')
    }
    return extendable(trx)
  })
  const approver = await extensionApprover(ctx, input)
  const save = () =>
    write(ctx, async (trx) => {
      await claimVersion(trx, 'issues', input.issueId, input.version)
      const { issue, late } = await extendable(trx)
      await trx
        .insertInto('extensions')
        .values({
          issue_id: issue.id,
          old_due_date: issue.due_date,
          new_due_date: newDue,
          approver_id: approver.id,
          reason,
          actor_id: ctx.actor.id,
          created_at: stamp(ctx),
          late: late ? 1 : 0,
        })
        .execute()
      await trx
        .updateTable('issues')
        .set({ version: nextVersion, due_date: newDue, updated_at: stamp(ctx) })
        .where('id', '=', issue.id)
        .execute()
      await audit(trx, ctx, 'extend', 'issue', issue.id, { from: issue.due_date, to: newDue, approver: approver.name, reason, late })
      if (approver.confirm)
        await audit(trx, ctx, 'pin_confirmed', 'staff', approver.id, { name: approver.name, for: 'extend', issue: issue.number })
    })
  if (approver.confirm && approver.pin_hash !== null) {
    await withPinCheck(ctx, { id: approver.id, name: approver.name, pin_hash: approver.pin_hash }, input.approverPin ?? '', 'approve', save)
  } else {
    await save()
  }
  return detail(ctx, input.issueId)
}

export async function resolveIssue(
  ctx: LedgerContext,
  input: ({ issueId: number; result: string; date?: string | undefined } & FindingsInput) & Versioned,
): Promise<IssueDetail> {
  const result = requireText(input.result, '办理结果', 4000)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
    const issue = await loadForAction(trx, input.issueId, 'resolve')
    const date = pastDate(ctx, input.date, '办结日期', issue.accepted_date)
    const found = cleanFindings(input, { acceptedDate: issue.accepted_date, hasSubject: issue.subject_organization_id !== null })
    const late = await trx.selectFrom('extensions').select('id').where('issue_id', '=', issue.id).where('late', '=', 1).executeTakeFirst()
    await trx
      .updateTable('issues')
      .set({ version: nextVersion, status: 'resolved', result, resolved_date: date, updated_at: stamp(ctx) })
      .where('id', '=', issue.id)
      .execute()
    await recordHistory(
      trx,
      ctx,
      issue.id,
      'resolve',
      issue.status,
      'resolved',
      null,
      { date, onTime: date <= issue.due_date && late === undefined, ...findingsDetail(found) },
      (historyId) => recordFindings(trx, ctx, issue.id, historyId, found),
    )
  })
  return detail(ctx, input.issueId)
}

export async function recordCallback(
  ctx: LedgerContext,
  input: {
    issueId: number
    date?: string | undefined
    method: CallbackMethod
    satisfaction: Satisfaction
    comment?: string | null | undefined
  } & Versioned,
): Promise<IssueDetail> {
  const comment = optionalText(input.comment, '回访意见', 1000)
  if (input.satisfaction === 'unsatisfied' && comment === null) {
    throw new LedgerError('required', '回访不满意时请填写不满意的原因')
  }
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
    const issue = await loadForAction(trx, input.issueId, 'callback')
    const date = pastDate(ctx, input.date, '回访日期', issue.resolved_date ?? issue.accepted_date)
    await trx
      .insertInto('callbacks')
      .values({
        issue_id: issue.id,
        callback_date: date,
        method: input.method,
        satisfaction: input.satisfaction,
        comment,
        actor_id: ctx.actor.id,
        created_at: stamp(ctx),
      })
      .execute()
    if (input.satisfaction === 'unsatisfied') {
      await trx
        .updateTable('issues')
        .set({ version: nextVersion, status: 'reopened', resolved_date: null, updated_at: stamp(ctx) })
        .where('id', '=', issue.id)
        .execute()
      await recordHistory(trx, ctx, issue.id, 'reopen', issue.status, 'reopened', comment, { callbackDate: date })
    } else {
      await audit(trx, ctx, 'callback', 'issue', issue.id, { date, method: input.method, satisfaction: input.satisfaction })
    }
  })
  return detail(ctx, input.issueId)
}

export async function closeIssue(
  ctx: LedgerContext,
  input: { issueId: number; note?: string | null | undefined } & Versioned,
): Promise<IssueDetail> {
  const note = optionalText(input.note, '销号说明', 1000)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
    const issue = await loadForAction(trx, input.issueId, 'close')
    await trx
      .updateTable('issues')
      .set({ version: nextVersion, status: 'closed', closed_date: today(ctx), updated_at: stamp(ctx) })
      .where('id', '=', issue.id)
      .execute()
    await recordHistory(trx, ctx, issue.id, 'close', issue.status, 'closed', note)
  })
  return detail(ctx, input.issueId)
}

export async function transferIssue(
  ctx: LedgerContext,
  input: { issueId: number; to: string; reason: string } & Versioned,
): Promise<IssueDetail> {
  const to = requireText(input.to, '转办单位', 100)
  const reason = requireText(input.reason, '转办理由', 1000)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
    const issue = await loadForAction(trx, input.issueId, 'transfer')
    await assertRoleFor(trx, ctx, 'transfer', issue)
    await withdrawSections(trx, ctx, issue.id)
    await trx
      .updateTable('issues')
      .set({ version: nextVersion, status: 'transferred', transfer_to: to, reason, updated_at: stamp(ctx) })
      .where('id', '=', issue.id)
      .execute()
    await recordHistory(trx, ctx, issue.id, 'transfer', issue.status, 'transferred', reason, { to })
  })
  return detail(ctx, input.issueId)
}

export async function rejectIssue(ctx: LedgerContext, input: { issueId: number; reason: string } & Versioned): Promise<IssueDetail> {
  const reason = requireText(input.reason, '不予受理的理由', 1000)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
    const issue = await loadForAction(trx, input.issueId, 'reject')
    await assertRoleFor(trx, ctx, 'reject', issue)
    await withdrawSections(trx, ctx, issue.id)
    await trx
      .updateTable('issues')
      .set({ version: nextVersion, status: 'rejected', reason, updated_at: stamp(ctx) })
      .where('id', '=', issue.id)
      .execute()
    await recordHistory(trx, ctx, issue.id, 'reject', issue.status, 'rejected', reason)
  })
  return detail(ctx, input.issueId)
}
