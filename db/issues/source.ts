import { audit } from '../core/audit'
import { stamp, write, type Executor, type LedgerContext } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { addCalendarDays, dueAfter } from '../calendar/calendar-days'
import type { WorkCalendar } from '../calendar/working-days'
import type { CategoryRow, IssueSourceRow } from '../core/schema'
import { bool01 } from '../reference/mappers'
import { requireDate } from '../validation/dates'
import { optionalText, requireText } from '../validation/text'
import {
  DEFAULT_PROCEDURE,
  procedure as procedureList,
  sourceKind,
  sourceKindOf,
  type Procedure,
  type SourceKind,
} from '../../shared/codes/petitions'
import type { Channel } from '../../shared/codes/visits'
import { PETITION_NOTICE_DAYS } from '../../shared/limits'
import type { IssueSource } from '../../shared/types'

// 来源: the office's list of where matters come from (设置 → 来源), and what registering a matter
// takes from it — the source (by default the one the channel names), the transferring body's
// 工单号 / 文号 and name, and the 办理程序 with its first deadline.

const toSource = (r: IssueSourceRow): IssueSource => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  sortOrder: r.sort_order,
  active: r.active === 1,
})

export async function listSources(db: Executor): Promise<IssueSource[]> {
  const rows = await db.selectFrom('issue_sources').selectAll().orderBy('sort_order').orderBy('id').execute()
  return rows.map(toSource)
}

export interface SourceInput {
  id?: number | undefined
  name: string
  kind: SourceKind
  sortOrder?: number | undefined
  active?: boolean | undefined
}

/** Adds or changes a source. A source in use is stopped, never deleted; its kind says what it does. */
export async function saveSource(ctx: LedgerContext, input: SourceInput): Promise<IssueSource> {
  const name = requireText(input.name, '来源名称', 30)
  if (!sourceKind.has(input.kind)) throw new LedgerError('invalid_input', '请选择来源的类型')
  return write(ctx, async (trx) => {
    let same = trx.selectFrom('issue_sources').select('id').where('name', '=', name)
    if (input.id !== undefined) same = same.where('id', '!=', input.id)
    if (await same.executeTakeFirst()) throw new LedgerError('duplicate', `已有同名来源：${name}`)
    let id = input.id
    if (id === undefined) {
      const row = await trx
        .insertInto('issue_sources')
        .values({
          name,
          kind: input.kind,
          sort_order: input.sortOrder ?? 100,
          active: bool01(input.active ?? true),
          created_at: stamp(ctx),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      id = row.id
      await audit(trx, ctx, 'create', 'issue_source', id, { name, kind: input.kind })
    } else {
      const before = await trx.selectFrom('issue_sources').selectAll().where('id', '=', id).executeTakeFirst()
      if (!before) throw notFound('来源', id)
      await trx
        .updateTable('issue_sources')
        .set({
          name,
          kind: input.kind,
          sort_order: input.sortOrder ?? before.sort_order,
          active: input.active === undefined ? before.active : bool01(input.active),
        })
        .where('id', '=', id)
        .execute()
      await audit(trx, ctx, 'update', 'issue_source', id, { before: toSource(before), name, kind: input.kind, active: input.active })
    }
    return toSource(await trx.selectFrom('issue_sources').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
  })
}

/** What the desk may choose for a matter it registers as an issue; every field optional. */
export interface IntakeInput {
  sourceId?: number | undefined
  sourceRef?: string | null | undefined
  sourceBody?: string | null | undefined
  procedure?: Procedure | undefined
  /** 转办件: the transferring body's deadline. */
  referralDueDate?: string | undefined
  /** 转办件: the date to report back by; the deadline when left out. */
  referralReplyBy?: string | undefined
}

/** The text and dates of an intake, checked before the transaction as the rest of the form is. */
export interface CleanIntake {
  sourceId: number | null
  sourceRef: string | null
  sourceBody: string | null
  procedure: Procedure | null
  referralDueDate: string | null
  referralReplyBy: string | null
}

export function cleanIntake(input: IntakeInput | undefined, label: string): CleanIntake {
  const i = input ?? {}
  if (i.procedure !== undefined && !procedureList.has(i.procedure)) throw new LedgerError('invalid_input', `${label}：请选择办理程序`)
  return {
    sourceId: i.sourceId ?? null,
    sourceRef: optionalText(i.sourceRef, `${label}的工单号（文号）`, 60),
    sourceBody: optionalText(i.sourceBody, `${label}的转办单位`, 100),
    procedure: i.procedure ?? null,
    referralDueDate: i.referralDueDate === undefined ? null : requireDate(i.referralDueDate, `${label}的转办时限`),
    referralReplyBy: i.referralReplyBy === undefined ? null : requireDate(i.referralReplyBy, `${label}的回复时限`),
  }
}

/** The source a channel names (现场接待 for the desk, 来信 for a letter …): the first in use of that kind. */
function defaultSourceRead(db: Executor, channel: Channel) {
  return db
    .selectFrom('issue_sources')
    .selectAll()
    .where('kind', '=', sourceKindOf(channel))
    .where('active', '=', 1)
    .orderBy('sort_order')
    .orderBy('id')
    .limit(1)
}

export async function defaultSource(db: Executor, channel: Channel): Promise<IssueSourceRow | null> {
  return (await defaultSourceRead(db, channel).executeTakeFirst()) ?? null
}

/** What an issue is written with, and what its procedure starts with once it has an id. */
export interface IntakePlan {
  columns: { source_id: number | null; source_ref: string | null; source_body: string | null; procedure: Procedure }
  dueDate: string
  referral: { dueOn: string; replyBy: string } | null
}

/**
 * The source an intake names, or the channel's default: on a server read with the write lock's
 * rechecks (the office's list of sources, which the supervisor keeps, is not what the lock guards,
 * but there it costs no round trip of its own), so planIntake under it reads nothing.
 */
export function sourceRead(db: Executor, channel: Channel, intake: CleanIntake) {
  return intake.sourceId === null
    ? defaultSourceRead(db, channel)
    : db.selectFrom('issue_sources').selectAll().where('id', '=', intake.sourceId)
}

/** The source sourceRead found, or the refusal: a source named and gone, or no longer in use. */
export function checkSource(source: IssueSourceRow | undefined, intake: CleanIntake, label: string): IssueSourceRow | null {
  if (intake.sourceId === null) return source ?? null
  if (!source) throw notFound('来源', intake.sourceId)
  if (source.active !== 1) throw new LedgerError('invalid_input', `${label}：来源“${source.name}”已停用，请选择其他来源`)
  return source
}

/** The rules of a registration's 来源 and 办理程序 and its deadline; a refusal names the matter (`label`). */
export function planIntake(
  where: { channel: Channel; date: string },
  category: Pick<CategoryRow, 'time_limit_days' | 'time_limit_unit'>,
  intake: CleanIntake,
  source: IssueSourceRow | null,
  calendar: WorkCalendar,
  label: string,
): IntakePlan {
  const kind: SourceKind = source?.kind ?? sourceKindOf(where.channel)
  if (kind === 'desk' && intake.sourceRef !== null) {
    throw new LedgerError('invalid_input', `${label}：现场接待的事项没有工单号或文号，请删去工单号，或改选来源（如 12345、上级交办）`)
  }
  const procedure = intake.procedure ?? DEFAULT_PROCEDURE[kind]
  const columns = { source_id: source?.id ?? null, source_ref: intake.sourceRef, source_body: intake.sourceBody, procedure }
  if (procedure !== 'referral') {
    if (intake.referralDueDate !== null || intake.referralReplyBy !== null) {
      throw new LedgerError('invalid_input', `${label}：只有转办件才填写转办时限和回复时限`)
    }
    const dueDate =
      procedure === 'petition'
        ? addCalendarDays(where.date, PETITION_NOTICE_DAYS)
        : dueAfter(calendar, where.date, category.time_limit_days, category.time_limit_unit)
    return { columns, dueDate, referral: null }
  }
  const referral = referralDates(where.date, intake.referralDueDate, intake.referralReplyBy, label)
  return { columns, dueDate: referral.dueOn, referral }
}

/** A 转办件's two dates: the deadline is required, the reply-by date defaults to it; neither before registration. */
export function referralDates(
  registeredOn: string,
  dueOn: string | null,
  replyBy: string | null,
  label: string,
): { dueOn: string; replyBy: string } {
  if (dueOn === null) throw new LedgerError('required', `${label}：转办件请填写转办单位要求的办结时限`)
  if (dueOn < registeredOn) throw new LedgerError('invalid_date', `${label}：转办时限不能早于登记日期（${registeredOn}）`)
  const by = replyBy ?? dueOn
  if (by < registeredOn) throw new LedgerError('invalid_date', `${label}：回复时限不能早于登记日期（${registeredOn}）`)
  return { dueOn, replyBy: by }
}
