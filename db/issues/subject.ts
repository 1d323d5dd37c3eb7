import { claimVersion, nextVersion, type Versioned } from '../core/versions'
import dayjs from 'dayjs'
import { sql } from 'kysely'
import { actsAsSupervisor, assertSignedIn } from '../core/access'
import { today, write, type Executor, type LedgerContext, type Tx } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { cleanOrganization, type OrganizationInput } from '../directory/records'
import { resolveOrganization } from '../directory/match'
import { getCaseRules } from '../reference/case-rules'
import type { IssueDetail, RepeatCandidate, RepeatCandidates } from '../../shared/types'
import { isIsoDate } from '../validation/dates'
import { optionalText } from '../validation/text'
import { recordHistory } from './history'
import { liveIssueJoin } from './join'
import { detailOf } from './load'
import { isOpenStatus } from './deadlines'

// Whom or what an issue is about and where it belongs, written with the issue at registration:
// - 被反映对象: an enterprise from the directory (by id), or one named at the desk, matched in the
//   directory by credit code or name and added there when new. A complaint about a place with no
//   enterprise names the place in 问题地点 (its 点位). The visitor's own enterprise is the visit's,
//   never this.
// - 属地: once the office keeps a 乡镇/街道 list in 设置, every new issue names one of them.
// - 重复件: the desk is shown earlier issues of the same category about the same enterprise, the
//   same 点位 or from the same visitor within 设置's window, and may link the new one to one of them.

export interface CaseFileInput {
  subject?: OrganizationInput | null | undefined
  localityId?: number | null | undefined
  repeatOfId?: number | null | undefined
}

export interface CleanCaseFile {
  subject: ReturnType<typeof cleanOrganization> | null
  localityId: number | null
  repeatOfId: number | null
}

export function cleanCaseFile(input: CaseFileInput): CleanCaseFile {
  return {
    subject: input.subject ? cleanOrganization(input.subject) : null,
    localityId: input.localityId ?? null,
    repeatOfId: input.repeatOfId ?? null,
  }
}

/** Spaces and full-width spaces do not make a different 点位. */
const placeKey = (place: string | null): string | null => {
  const key = (place ?? '').replace(/[\s\u3000]/g, '')
  return key === '' ? null : key
}

/** The enterprise an issue is about: one picked from the directory must still be there; a named one is found or added. */
async function subjectId(trx: Tx, ctx: LedgerContext, subject: CleanCaseFile['subject']): Promise<number | null> {
  if (subject === null) return null
  if (subject.id === undefined) return resolveOrganization(trx, ctx, subject)
  const row = await trx.selectFrom('organizations').select(['id', 'name', 'merged_into_id']).where('id', '=', subject.id).executeTakeFirst()
  if (!row) throw notFound('被反映企业', subject.id)
  // Picked before someone merged it: the record kept is the one complained about.
  return row.merged_into_id ?? row.id
}

/**
 * The locality an issue is filed under (or, with none named, whether the office keeps a list, which
 * makes one required). A registration on a server reads it with the write lock's rechecks, as the
 * list is the supervisor's and there it costs no round trip of its own.
 */
export function localityRead(db: Executor, localityId: number | null) {
  const localities = db.selectFrom('localities').select(['id', 'name', 'active'])
  return localityId === null ? localities.where('active', '=', 1).limit(1) : localities.where('id', '=', localityId)
}

/** The locality localityRead found checked to be one in use (required once the office keeps a list). */
export function checkLocalityRow(
  row: { id: number; name: string; active: number } | undefined,
  localityId: number | null,
  label: string,
): number | null {
  if (localityId === null) {
    if (row !== undefined) throw new LedgerError('required', `请选择${label}的属地（乡镇、街道）`)
    return null
  }
  if (!row) throw notFound('属地', localityId)
  if (row.active !== 1) throw new LedgerError('invalid_input', `属地“${row.name}”已停用，请选择其他属地`)
  return row.id
}

export async function checkLocality(trx: Executor, localityId: number | null, label: string): Promise<number | null> {
  return checkLocalityRow(await localityRead(trx, localityId).executeTakeFirst(), localityId, label)
}

export interface RepeatQuery {
  categoryId: number
  /** The new issue's date; today when left out. */
  date?: string | undefined
  visitorId?: number | null | undefined
  subjectOrganizationId?: number | null | undefined
  /** An enterprise typed at the desk but not picked: found by its exact name. */
  subjectName?: string | null | undefined
  place?: string | null | undefined
  excludeIssueId?: number | undefined
}

const CANDIDATES_SHOWN = 10

/** Earlier issues the new one may repeat, newest first; nothing when there is nothing to compare. */
export async function repeatCandidates(db: Executor, q: RepeatQuery, todayDate: string): Promise<RepeatCandidates> {
  const rules = await getCaseRules(db)
  const date = q.date ?? todayDate
  if (!isIsoDate(date)) throw new LedgerError('invalid_date', `日期格式应为 YYYY-MM-DD：${date}`)
  const from = dayjs(date).subtract(rules.repeatWindowDays, 'day').format('YYYY-MM-DD')
  let subject = q.subjectOrganizationId ?? null
  const name = optionalText(q.subjectName, '被反映企业名称', 100)
  if (subject === null && name !== null) {
    const byName = await db
      .selectFrom('organizations')
      .select('id')
      .where('name', '=', name)
      .where('merged_into_id', 'is', null)
      .orderBy('id')
      .executeTakeFirst()
    subject = byName?.id ?? null
  }
  const place = placeKey(q.place ?? null)
  const visitor = q.visitorId ?? null
  if (subject === null && place === null && visitor === null) return { windowDays: rules.repeatWindowDays, rows: [] }

  const placeOf = sql<string>`replace(replace(coalesce(m.place, ''), ' ', ''), '　', '')`
  const rows = await liveIssueJoin(db)
    .innerJoin('categories as c', 'c.id', 'i.category_id')
    .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
    .leftJoin('organizations as so', 'so.id', 'i.subject_organization_id')
    .select([
      'i.id',
      'i.number',
      'i.status',
      'i.accepted_date',
      'c.name as category_name',
      'm.content',
      'm.place',
      'p.name as visitor_name',
      'so.name as subject_name',
      'i.subject_organization_id',
      'v.visitor_id',
      placeOf.as('place_key'),
    ])
    .where('i.category_id', '=', q.categoryId)
    .where('i.accepted_date', '>=', from)
    .where('i.accepted_date', '<=', date)
    .where('i.status', '!=', 'rejected')
    .where((eb) => {
      const any = []
      if (subject !== null) any.push(eb('i.subject_organization_id', '=', subject))
      if (place !== null) any.push(eb.and([eb('i.subject_organization_id', 'is', null), eb(placeOf, '=', place)]))
      if (visitor !== null) any.push(eb('v.visitor_id', '=', visitor))
      return eb.or(any)
    })
    .$if(q.excludeIssueId !== undefined, (qb) => qb.where('i.id', '!=', q.excludeIssueId ?? 0))
    .orderBy('i.accepted_date', 'desc')
    .orderBy('i.id', 'desc')
    .limit(CANDIDATES_SHOWN)
    .execute()
  return {
    windowDays: rules.repeatWindowDays,
    rows: rows.map((r): RepeatCandidate => ({
      id: r.id,
      number: r.number,
      status: r.status,
      acceptedDate: r.accepted_date,
      categoryName: r.category_name,
      content: r.content,
      visitorName: r.visitor_name,
      subjectName: r.subject_name,
      place: r.place,
      matchedBy: [
        ...(subject !== null && r.subject_organization_id === subject ? (['subject'] as const) : []),
        ...(place !== null && r.subject_organization_id === null && r.place_key === place ? (['place'] as const) : []),
        ...(visitor !== null && r.visitor_id === visitor ? (['visitor'] as const) : []),
      ],
    })),
  }
}

export interface SettledCaseFile {
  columns: { subject_organization_id: number | null; locality_id: number | null; repeat_of_id: number | null }
  /** For the 受理 history row. */
  detail: Record<string, unknown>
}

/**
 * The case-file columns of a new issue, checked inside the registering transaction: the enterprise
 * found or added, the locality in use, and the repeat link one the desk could have been shown.
 */
export async function settleCaseFile(
  trx: Tx,
  ctx: LedgerContext,
  c: CleanCaseFile,
  issue: { categoryId: number; date: string; visitorId: number; place: string | null; label: string },
  /** The issue's locality as checkLocality passed it. */
  locality: number | null,
): Promise<SettledCaseFile> {
  const subject = await subjectId(trx, ctx, c.subject)
  let repeatOf: { id: number; number: string } | null = null
  if (c.repeatOfId !== null) {
    const shown = await repeatCandidates(
      trx,
      { categoryId: issue.categoryId, date: issue.date, visitorId: issue.visitorId, subjectOrganizationId: subject, place: issue.place },
      today(ctx),
    )
    const chosen = shown.rows.find((r) => r.id === c.repeatOfId)
    if (!chosen) {
      const other = await trx.selectFrom('issues').select('number').where('id', '=', c.repeatOfId).executeTakeFirst()
      if (!other) throw notFound('重复件所指的问题', c.repeatOfId)
      throw new LedgerError(
        'invalid_input',
        `${issue.label}不是问题 ${other.number} 的重复件：须为同一类别、${shown.windowDays} 日内、反映同一企业或点位或同一来访人的问题`,
      )
    }
    repeatOf = chosen
  }
  return {
    columns: { subject_organization_id: subject, locality_id: locality, repeat_of_id: repeatOf?.id ?? null },
    detail: {
      ...(subject !== null ? { subjectOrganizationId: subject } : {}),
      ...(locality !== null ? { localityId: locality } : {}),
      ...(repeatOf !== null ? { repeatOf: repeatOf.number } : {}),
    },
  }
}

export interface CaseFileUpdate {
  issueId: number
  /** The enterprise complained about; null: none. Left as it is when undefined. */
  subject?: OrganizationInput | null | undefined
  localityId?: number | null | undefined
  /** Needed once the issue is 办结 (then only a supervisor may correct it). */
  reason?: string | null | undefined
}

/**
 * Corrects an issue's 被反映对象 or 属地 (an old issue from before the list, a wrong pick). While it
 * is handled, anyone signed in; once 办结, 销号, 转办 or 不予受理, only a supervisor, with a reason.
 * Kept in the issue's own history with the values before and after.
 */
export async function updateIssueCaseFile(ctx: LedgerContext, input: CaseFileUpdate & Versioned): Promise<IssueDetail> {
  await assertSignedIn(ctx, '更正被反映对象或属地')
  if (input.subject === undefined && input.localityId === undefined)
    throw new LedgerError('invalid_input', '请填写要更正的被反映对象或属地')
  const subjectInput = input.subject === undefined ? undefined : input.subject === null ? null : cleanOrganization(input.subject)
  const reason = optionalText(input.reason, '更正理由', 500)
  await write(ctx, async (trx) => {
    await claimVersion(trx, 'issues', input.issueId, input.version)
    const issue = await liveIssueJoin(trx)
      .select(['i.id', 'i.number', 'i.status', 'i.subject_organization_id', 'i.locality_id'])
      .where('i.id', '=', input.issueId)
      .executeTakeFirst()
    if (!issue) {
      const voided = await trx.selectFrom('issues').select('number').where('id', '=', input.issueId).executeTakeFirst()
      if (voided) throw new LedgerError('voided', `问题 ${voided.number} 所属的来访登记已作废，不能再更正`)
      throw notFound('问题', input.issueId)
    }
    if (!isOpenStatus(issue.status)) {
      if (!(await actsAsSupervisor(trx, ctx.actor)))
        throw new LedgerError('forbidden', `问题 ${issue.number} 已不在办理中，更正须由负责人本人输入 PIN 登录后操作`)
      if (reason === null) throw new LedgerError('required', `问题 ${issue.number} 已不在办理中，请填写更正理由`)
    }
    const subject = subjectInput === undefined ? issue.subject_organization_id : await subjectId(trx, ctx, subjectInput)
    const locality = input.localityId === undefined ? issue.locality_id : await checkLocality(trx, input.localityId, `问题 ${issue.number}`)
    if (subject === issue.subject_organization_id && locality === issue.locality_id) return
    await trx
      .updateTable('issues')
      .set({ version: nextVersion, subject_organization_id: subject, locality_id: locality })
      .where('id', '=', issue.id)
      .execute()
    const names = async (organizationId: number | null, localityId: number | null) => ({
      subject:
        organizationId === null
          ? null
          : ((await trx.selectFrom('organizations').select('name').where('id', '=', organizationId).executeTakeFirst())?.name ?? null),
      locality:
        localityId === null
          ? null
          : ((await trx.selectFrom('localities').select('name').where('id', '=', localityId).executeTakeFirst())?.name ?? null),
    })
    await recordHistory(trx, ctx, issue.id, 'case_file', issue.status, issue.status, reason, {
      before: await names(issue.subject_organization_id, issue.locality_id),
      after: await names(subject, locality),
    })
  })
  return detailOf(ctx, input.issueId)
}
