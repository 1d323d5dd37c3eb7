import { claimVersion, nextVersion, type Versioned } from '../core/versions'
import { assertSupervisor } from '../core/access'
import { stamp, today, write, type Executor, type LedgerContext, type Tx } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { addCalendarDays, dueAfter } from '../calendar/calendar-days'
import { requireDate } from '../validation/dates'
import { requireText } from '../validation/text'
import { issueStatus } from '../../shared/codes/issues'
import { channel } from '../../shared/codes/visits'
import {
  deliveryMethod,
  procedure as procedureList,
  sourceKind,
  sourceKindOf,
  type DeliveryMethod,
  type Procedure,
} from '../../shared/codes/petitions'
import { isOpenStatus } from '../../shared/lifecycle'
import { PETITION_NOTICE_DAYS } from '../../shared/limits'
import type { IssueIntake, ReferralCase } from '../../shared/types'
import { loadCalendar } from './deadlines'
import { recordHistory } from './history'
import { issueVisitJoin } from './join'
import { handlingDue, referralDeadlines } from './petition-deadlines'
import { startPetition } from './petition'
import { readPetition } from './petition-read'
import { referralDates, type IntakePlan } from './source'

// An issue's 办理程序 after registration: its procedure started, changed by a supervisor with a
// reason (a history row), a 转办件's reply sent back to the body that transferred it, and what
// the issue drawer shows of all of it.

/** Starts what the plan's procedure needs once the issue has its id: the petition or the referral row. */
export async function startProcedure(
  trx: Tx,
  ctx: LedgerContext,
  issue: { id: number; registeredOn: string; visitorId: number; categoryId: number },
  plan: IntakePlan,
): Promise<void> {
  if (plan.columns.procedure === 'petition') await startPetition(trx, ctx, issue)
  if (plan.referral !== null) await saveReferral(trx, ctx, issue.id, plan.referral)
}

async function saveReferral(trx: Tx, ctx: LedgerContext, issueId: number, dates: { dueOn: string; replyBy: string }): Promise<void> {
  await trx
    .insertInto('referrals')
    .values({
      issue_id: issueId,
      due_on: dates.dueOn,
      reply_by: dates.replyBy,
      replied_on: null,
      reply_method: null,
      reply: null,
      created_at: stamp(ctx),
      updated_at: stamp(ctx),
    })
    .onConflict((oc) => oc.column('issue_id').doUpdateSet({ due_on: dates.dueOn, reply_by: dates.replyBy, updated_at: stamp(ctx) }))
    .execute()
}

async function loadIssue(trx: Tx, issueId: number) {
  const found = await issueVisitJoin(trx)
    .innerJoin('categories as c', 'c.id', 'i.category_id')
    .selectAll('i')
    .select(['v.voided_at as visit_voided_at', 'v.visitor_id', 'c.time_limit_days', 'c.time_limit_unit'])
    .where('i.id', '=', issueId)
    .executeTakeFirst()
  if (!found) throw notFound('问题', issueId)
  return found
}

export interface ProcedureChangeInput {
  issueId: number
  procedure: Procedure
  reason: string
  referralDueDate?: string | undefined
  referralReplyBy?: string | undefined
}

/** A supervisor changes an open issue's 办理程序, with a reason; its deadline follows the new procedure. */
export async function changeProcedure(ctx: LedgerContext, input: ProcedureChangeInput & Versioned): Promise<void> {
  await assertSupervisor(ctx, '变更办理程序')
  if (!procedureList.has(input.procedure)) throw new LedgerError('invalid_input', '请选择办理程序')
  const reason = requireText(input.reason, '变更的理由', 1000)
  const dueInput = input.referralDueDate === undefined ? null : requireDate(input.referralDueDate, '转办时限')
  const replyInput = input.referralReplyBy === undefined ? null : requireDate(input.referralReplyBy, '回复时限')
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
    const issue = await loadIssue(trx, input.issueId)
    if (issue.visit_voided_at) throw new LedgerError('voided', `问题 ${issue.number} 所属的来访登记已作废，不能再变更办理程序`)
    if (!isOpenStatus(issue.status)) {
      throw new LedgerError('invalid_transition', `问题 ${issue.number} 当前为“${issueStatus.label(issue.status)}”，不能变更办理程序`)
    }
    if (issue.procedure === input.procedure) {
      throw new LedgerError('invalid_input', `问题 ${issue.number} 的办理程序已是“${procedureList.label(input.procedure)}”`)
    }
    if (input.procedure !== 'referral' && (dueInput !== null || replyInput !== null)) {
      throw new LedgerError('invalid_input', '只有转办件才填写转办时限和回复时限')
    }
    let due: string
    if (input.procedure === 'general') {
      due = dueAfter(await loadCalendar(trx), issue.accepted_date, issue.time_limit_days, issue.time_limit_unit)
    } else if (input.procedure === 'referral') {
      const dates = referralDates(issue.accepted_date, dueInput, replyInput, `问题 ${issue.number}`)
      await saveReferral(trx, ctx, issue.id, dates)
      due = dates.dueOn
    } else {
      await startPetition(trx, ctx, {
        id: issue.id,
        registeredOn: issue.accepted_date,
        visitorId: issue.visitor_id,
        categoryId: issue.category_id,
      })
      const petition = await trx.selectFrom('petitions').selectAll().where('issue_id', '=', issue.id).executeTakeFirstOrThrow()
      due = handlingDue(petition) ?? addCalendarDays(petition.registered_on, PETITION_NOTICE_DAYS)
    }
    await trx
      .updateTable('issues')
      .set({ version: nextVersion, procedure: input.procedure, due_date: due, updated_at: stamp(ctx) })
      .where('id', '=', issue.id)
      .execute()
    await recordHistory(trx, ctx, issue.id, 'procedure_change', issue.status, issue.status, reason, {
      from: issue.procedure,
      to: input.procedure,
      dueFrom: issue.due_date,
      dueTo: due,
      summary: `${procedureList.label(issue.procedure)} → ${procedureList.label(input.procedure)}，时限 ${issue.due_date} → ${due}`,
    })
  })
}

const canReplyBack = (status: Parameters<typeof isOpenStatus>[0], repliedOn: string | null) => !isOpenStatus(status) && repliedOn === null

/** The reply sent back to the body that transferred a 转办件: when, how and what. */
export async function replyToReferral(
  ctx: LedgerContext,
  input: { issueId: number; date?: string | undefined; method: DeliveryMethod; text: string } & Versioned,
): Promise<void> {
  if (!deliveryMethod.has(input.method)) throw new LedgerError('invalid_input', '请选择回复方式')
  const text = requireText(input.text, '回复内容', 2000)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
    const issue = await loadIssue(trx, input.issueId)
    if (issue.visit_voided_at) throw new LedgerError('voided', `问题 ${issue.number} 所属的来访登记已作废，不能再回复转办单位`)
    const referral = await trx.selectFrom('referrals').selectAll().where('issue_id', '=', issue.id).executeTakeFirst()
    if (issue.procedure !== 'referral' || !referral) {
      throw new LedgerError('invalid_transition', `问题 ${issue.number} 的办理程序为“${procedureList.label(issue.procedure)}”，不是转办件`)
    }
    if (referral.replied_on !== null)
      throw new LedgerError('already_replied', `转办件 ${issue.number} 已于 ${referral.replied_on} 回复转办单位`)
    if (!canReplyBack(issue.status, referral.replied_on)) {
      throw new LedgerError('invalid_transition', `转办件 ${issue.number} 当前为“${issueStatus.label(issue.status)}”，办结后再回复转办单位`)
    }
    const date = input.date === undefined ? today(ctx) : requireDate(input.date, '回复日期')
    if (date > today(ctx)) throw new LedgerError('invalid_date', `回复日期不能晚于今天（${today(ctx)}）`)
    if (date < issue.accepted_date) throw new LedgerError('invalid_date', `回复日期不能早于登记日期（${issue.accepted_date}）`)
    await trx
      .updateTable('referrals')
      .set({ replied_on: date, reply_method: input.method, reply: text, updated_at: stamp(ctx) })
      .where('issue_id', '=', issue.id)
      .execute()
    await recordHistory(trx, ctx, issue.id, 'referral_reply', issue.status, issue.status, null, {
      date,
      method: input.method,
      onTime: date <= referral.reply_by,
      summary: `${date} ${deliveryMethod.label(input.method)}回复${issue.source_body ?? '转办单位'}（回复时限 ${referral.reply_by}）`,
    })
  })
}

/** 来源, 办理程序 and the procedure's records and clocks, for the issue drawer. */
export async function readIntake(db: Executor, issueId: number, day: string): Promise<IssueIntake> {
  const r = await issueVisitJoin(db)
    .leftJoin('issue_sources as s', 's.id', 'i.source_id')
    .select([
      'i.id',
      'i.status',
      'i.procedure',
      'i.source_id',
      'i.source_ref',
      'i.source_body',
      'i.accepted_date',
      'i.resolved_date',
      'v.channel',
      'v.voided_at',
      's.name as source_name',
      's.kind as source_kind',
    ])
    .where('i.id', '=', issueId)
    .executeTakeFirst()
  if (!r) throw notFound('问题', issueId)
  const channelKind = channel.has(r.channel) ? sourceKindOf(r.channel) : 'other'
  const kind = r.source_kind ?? channelKind
  const petition = r.procedure === 'petition' ? await readPetition(db, r, r.voided_at !== null, day) : null
  const referralRow =
    r.procedure === 'referral'
      ? ((await db.selectFrom('referrals').selectAll().where('issue_id', '=', issueId).executeTakeFirst()) ?? null)
      : null
  // A matter refused or passed on is settled for the clock as much as one resolved.
  const settledOn = r.resolved_date ?? (isOpenStatus(r.status) ? null : r.accepted_date)
  const referral: ReferralCase | null =
    referralRow === null
      ? null
      : {
          dueOn: referralRow.due_on,
          replyBy: referralRow.reply_by,
          repliedOn: referralRow.replied_on,
          replyMethod: referralRow.reply_method,
          reply: referralRow.reply,
          canReply: r.voided_at === null && canReplyBack(r.status, referralRow.replied_on),
        }
  return {
    procedure: r.procedure,
    sourceId: r.source_id,
    sourceName: r.source_name ?? sourceKind.label(channelKind),
    sourceKind: kind,
    sourceRef: r.source_ref,
    sourceBody: r.source_body,
    petition: petition?.case ?? null,
    referral,
    deadlines: petition
      ? petition.deadlines
      : referralRow
        ? referralDeadlines(referralRow, { accepted_date: r.accepted_date, resolved_date: settledOn, source_body: r.source_body }, day)
        : [],
  }
}
