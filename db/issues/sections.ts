import { claimVersion, nextVersion, type Versioned } from '../core/versions'
import { assertSignedIn } from '../core/access'
import { stamp, today, write, type LedgerContext, type Tx } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { sectionRole, sectionStatus } from '../../shared/codes/case-file'
import type { IssueDetail } from '../../shared/types'
import { requireDate } from '../validation/dates'
import { requireText } from '../validation/text'
import { recordHistory } from './history'
import { detailOf, loadForAction } from './load'

// 主办 and 协办. Every 交办 names the lead section (issues.department_id, as before) and any
// sections assisting it; each is handed the issue as one row of issue_sections, which the section
// answers once: 签收 (who signed, on which day) or 退回 (why). The working time counts from 交办
// whatever the 签收 date. A lead section sending it back puts the issue back to 已受理 for
// reassignment; an assisting section sending it back leaves the lead's work where it is.

/** Sections may assist one issue; more is a list, not a handover. */
export const MAX_ASSIST_SECTIONS = 6

/** Checks the 协办 list of a 交办 before anything is written. */
export function cleanAssists(leadId: number, assistIds: readonly number[] | null | undefined): number[] {
  const ids = [...new Set(assistIds ?? [])]
  if (ids.includes(leadId)) throw new LedgerError('invalid_input', '协办股室不能与主办股室相同')
  if (ids.length > MAX_ASSIST_SECTIONS) throw new LedgerError('invalid_input', `协办股室最多 ${MAX_ASSIST_SECTIONS} 个`)
  return ids
}

/** Each 协办 must be a section in use; returns their names for the history row. */
export async function assistNames(trx: Tx, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await trx.selectFrom('departments').select(['id', 'name', 'active']).where('id', 'in', ids).execute()
  return ids.map((id) => {
    const d = rows.find((r) => r.id === id)
    if (!d) throw notFound('协办股室', id)
    if (d.active !== 1) throw new LedgerError('invalid_input', `协办股室“${d.name}”已停用`)
    return d.name
  })
}

/**
 * After a 交办: the sections now handed the issue. A section keeping its part (same section, same
 * role) keeps its handover and any 签收; every other live handover is withdrawn, and each new one
 * waits for its answer.
 */
export async function handOverSections(trx: Tx, ctx: LedgerContext, issueId: number, leadId: number, assistIds: readonly number[]) {
  const at = stamp(ctx)
  const wanted = [
    { departmentId: leadId, role: 'lead' as const },
    ...assistIds.map((id) => ({ departmentId: id, role: 'assist' as const })),
  ]
  const live = await trx
    .selectFrom('issue_sections')
    .select(['id', 'department_id', 'role'])
    .where('issue_id', '=', issueId)
    .where('status', 'in', ['pending', 'signed'])
    .execute()
  const kept = live.filter((l) => wanted.some((w) => w.departmentId === l.department_id && w.role === l.role))
  const dropped = live.filter((l) => !kept.includes(l)).map((l) => l.id)
  if (dropped.length > 0) {
    await trx.updateTable('issue_sections').set({ status: 'withdrawn', answered_at: at }).where('id', 'in', dropped).execute()
  }
  const added = wanted.filter((w) => !kept.some((k) => k.department_id === w.departmentId && k.role === w.role))
  if (added.length > 0) {
    await trx
      .insertInto('issue_sections')
      .values(
        added.map((w) => ({
          issue_id: issueId,
          department_id: w.departmentId,
          role: w.role,
          status: 'pending' as const,
          assigned_at: at,
          signed_date: null,
          signer_id: null,
          return_reason: null,
          answered_at: null,
          actor_id: ctx.actor.id,
        })),
      )
      .execute()
  }
}

/** 转办 and 不予受理 take the issue away from every section still holding it. */
export async function withdrawSections(trx: Tx, ctx: LedgerContext, issueId: number): Promise<void> {
  await trx
    .updateTable('issue_sections')
    .set({ status: 'withdrawn', answered_at: stamp(ctx) })
    .where('issue_id', '=', issueId)
    .where('status', 'in', ['pending', 'signed'])
    .execute()
}

async function pendingSection(trx: Tx, issueId: number, sectionId: number, number: string) {
  const row = await trx
    .selectFrom('issue_sections as s')
    .innerJoin('departments as d', 'd.id', 's.department_id')
    .select(['s.id', 's.role', 's.status', 's.assigned_at', 's.department_id', 'd.name as department_name'])
    .where('s.id', '=', sectionId)
    .where('s.issue_id', '=', issueId)
    .executeTakeFirst()
  if (!row) throw new LedgerError('not_found', `问题 ${number} 没有这一交办记录（编号 ${sectionId}）`)
  if (row.status !== 'pending') {
    throw new LedgerError(
      'invalid_transition',
      `${row.department_name}（${sectionRole.label(row.role)}）的交办已是“${sectionStatus.label(row.status)}”，不能再签收或退回`,
    )
  }
  return row
}

export interface SignInput {
  issueId: number
  sectionId: number
  /** Who signed for the section; the person signed in when left out. */
  signerId?: number | undefined
  date?: string | undefined
}

export async function signSection(ctx: LedgerContext, input: SignInput & Versioned): Promise<IssueDetail> {
  await assertSignedIn(ctx, '登记签收')
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
    const issue = await loadForAction(trx, input.issueId, 'sign')
    const section = await pendingSection(trx, issue.id, input.sectionId, issue.number)
    const date = input.date === undefined ? today(ctx) : requireDate(input.date, '签收日期')
    if (date > today(ctx)) throw new LedgerError('invalid_date', `签收日期不能晚于今天（${today(ctx)}）`)
    const handed = section.assigned_at.slice(0, 10)
    if (date < handed) throw new LedgerError('invalid_date', `签收日期不能早于交办日期（${handed}）`)
    const signerId = input.signerId ?? ctx.actor.id
    const signer =
      signerId === null
        ? undefined
        : await trx.selectFrom('staff').select(['id', 'name', 'active']).where('id', '=', signerId).executeTakeFirst()
    if (!signer) throw notFound('签收人', signerId ?? '—')
    if (signer.active !== 1) throw new LedgerError('invalid_input', `签收人“${signer.name}”已停用`)
    await trx
      .updateTable('issue_sections')
      .set({ status: 'signed', signed_date: date, signer_id: signer.id, answered_at: stamp(ctx) })
      .where('id', '=', section.id)
      .execute()
    await recordHistory(trx, ctx, issue.id, 'sign', issue.status, issue.status, null, {
      department: section.department_name,
      role: sectionRole.label(section.role),
      signer: signer.name,
      date,
    })
  })
  return detailOf(ctx, input.issueId)
}

export async function returnSection(
  ctx: LedgerContext,
  input: { issueId: number; sectionId: number; reason: string } & Versioned,
): Promise<IssueDetail> {
  await assertSignedIn(ctx, '登记退回')
  const reason = requireText(input.reason, '退回理由', 1000)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
    const issue = await loadForAction(trx, input.issueId, 'return')
    const section = await pendingSection(trx, issue.id, input.sectionId, issue.number)
    const at = stamp(ctx)
    await trx
      .updateTable('issue_sections')
      .set({ status: 'returned', return_reason: reason, answered_at: at })
      .where('id', '=', section.id)
      .execute()
    const detail = { department: section.department_name, role: sectionRole.label(section.role) }
    if (section.role === 'assist') {
      await recordHistory(trx, ctx, issue.id, 'return_assist', issue.status, issue.status, reason, detail)
      return
    }
    // The lead section was the wrong one: the issue waits at the desk for a new 交办, and the
    // sections assisting the wrong lead stand down with it.
    await withdrawSections(trx, ctx, issue.id)
    await trx
      .updateTable('issues')
      .set({ version: nextVersion, status: 'accepted', department_id: null, assignee_id: null, updated_at: at })
      .where('id', '=', issue.id)
      .execute()
    await recordHistory(trx, ctx, issue.id, 'return', issue.status, 'accepted', reason, detail)
  })
  return detailOf(ctx, input.issueId)
}
