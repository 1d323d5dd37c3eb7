import { claimVersion, nextVersion, type Versioned } from '../core/versions'
import { assertMayCorrect } from '../core/access'
import { isOpenStatus } from '../issues/deadlines'
import { audit } from '../core/audit'
import { stamp, today, write, type Executor, type LedgerContext, type Tx } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import type { Correction, CorrectionEntity, VisitSummary } from '../../shared/types'
import { correctionField } from '../../shared/codes/visits'
import { optionalText, requireText } from '../validation/text'
import { listVisits } from './queries'
import { correctionsOf } from './correction-owners'
import { restoreHiddenNumbers } from '../privacy/mask'

// 更正: a saved record's wording or head-count put right. Nothing is overwritten without a trace:
// each changed field leaves a row in `corrections` (what it said, what it says now, why, who,
// when) and the write an audit row. Figures are never typed: a corrected head-count changes the
// 人次 that are computed from it.

export interface FieldChange {
  entity: CorrectionEntity
  entityId: number
  field: string
  before: string | null
  after: string | null
}

/** The reason every correction must give. */
export function correctionReason(reason: string): string {
  return requireText(reason, '更正原因', 200)
}

/** Writes the changes' history rows and one audit row (on the visit, or on the issue when it is one), in `trx`. */
export async function recordCorrections(
  trx: Tx,
  ctx: LedgerContext,
  changes: readonly FieldChange[],
  reason: string,
  auditOn: { entity: 'visit' | 'issue'; id: number },
): Promise<void> {
  const at = stamp(ctx)
  for (const c of changes) {
    await trx
      .insertInto('corrections')
      .values({
        entity: c.entity,
        entity_id: c.entityId,
        field: c.field,
        old_value: c.before,
        new_value: c.after,
        reason,
        actor_id: ctx.actor.id,
        actor_name: ctx.actor.name,
        at,
      })
      .execute()
  }
  await audit(trx, ctx, 'correct', auditOn.entity, auditOn.id, {
    reason,
    fields: changes.map((c) => `${c.entity}.${c.field}`),
  })
}

/** The record that a matter and its visit make for the access rule. */
export async function matterRecord(trx: Executor, matterId: number) {
  const row = await trx
    .selectFrom('matters as m')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .leftJoin('issues as i', 'i.matter_id', 'm.id')
    .select([
      'm.id',
      'm.type',
      'm.content',
      'm.answer',
      'm.place',
      'm.visit_id',
      'v.received_by_id',
      'v.arrived_at',
      'v.voided_at',
      'i.id as issue_id',
      'i.status as issue_status',
    ])
    .where('m.id', '=', matterId)
    .executeTakeFirst()
  if (!row) throw notFound('事项', matterId)
  return row
}

export interface MatterCorrection {
  matterId: number
  content?: string | undefined
  /** A consultation's answer. */
  answer?: string | undefined
  /** An issue's place; null or '' clears it. */
  place?: string | null | undefined
  reason: string
}

/** The changed fields of one matter, checked as registration checks them; nothing unchanged is listed. */
export function matterChanges(
  row: { id: number; type: string; content: string; answer: string | null; place: string | null },
  input: Omit<MatterCorrection, 'matterId' | 'reason'>,
): FieldChange[] {
  const issue = row.type === 'issue'
  const next: Record<'content' | 'answer' | 'place', string | null | undefined> = {
    content: input.content === undefined ? undefined : requireText(input.content, issue ? '反映问题' : '咨询内容', issue ? 4000 : 2000),
    answer: undefined,
    place: undefined,
  }
  if (input.answer !== undefined) {
    if (issue) throw new LedgerError('invalid_input', '受理的问题没有当场答复，请更正反映问题或地点')
    next.answer = requireText(input.answer, '咨询的答复', 4000)
  }
  if (input.place !== undefined) {
    if (!issue) throw new LedgerError('invalid_input', '咨询没有问题地点')
    next.place = optionalText(input.place, '问题地点', 200)
  }
  const changes: FieldChange[] = []
  for (const field of ['content', 'answer', 'place'] as const) {
    // The screen shows numbers in free text masked; an edit keeps the numbers it did not touch.
    const typed = next[field]
    const after = typed === undefined ? undefined : restoreHiddenNumbers(typed, row[field])
    if (after === undefined || after === row[field]) continue
    changes.push({ entity: 'matter', entityId: row.id, field, before: row[field], after })
  }
  return changes
}

/** Writes a matter's changed fields; the search index follows through its triggers. */
export async function applyMatterChanges(trx: Tx, matterId: number, changes: readonly FieldChange[]): Promise<void> {
  const set: { content?: string; answer?: string | null; place?: string | null } = {}
  for (const c of changes) {
    if (c.entity !== 'matter') continue
    if (c.field === 'content' && c.after !== null) set.content = c.after
    if (c.field === 'answer') set.answer = c.after
    if (c.field === 'place') set.place = c.after
  }
  if (Object.keys(set).length === 0) return
  await trx
    .updateTable('matters')
    .set({ ...set, version: nextVersion })
    .where('id', '=', matterId)
    .execute()
  // The visit's 更正 form shows its matters' text: a change to one is a change to what that form read.
  await trx
    .updateTable('visits')
    .set({ version: nextVersion })
    .where('id', '=', trx.selectFrom('matters').select('visit_id').where('id', '=', matterId))
    .execute()
}

function nothingChanged(): LedgerError {
  return new LedgerError('invalid_input', '没有要更正的内容：与原记录相同')
}

async function summaryOf(db: Executor, visitId: number): Promise<VisitSummary> {
  const [summary] = await listVisits(db, { visitIds: [visitId] })
  if (!summary) throw notFound('来访登记', visitId)
  return summary
}

/** 更正 one matter: a consultation's wording or answer, or an issue's description or place. */
export async function correctMatter(ctx: LedgerContext, input: MatterCorrection): Promise<VisitSummary> {
  const { reason, ...matter } = input
  const row = await matterRecord(ctx.db, input.matterId)
  return correctVisit(ctx, { visitId: row.visit_id, matters: [matter], reason })
}

export interface VisitCorrection extends Versioned {
  visitId: number
  headcount?: number | undefined
  note?: string | null | undefined
  /** Its matters' wording: a consultation's content and answer, an issue's description and place. */
  matters?: Omit<MatterCorrection, 'reason'>[] | undefined
  reason: string
}

/**
 * 更正 a visit in one write, with one reason: its head-count or note and any of its matters. Each
 * matter is held to the same rule as on its own (an issue no longer being handled is the
 * supervisor's); the audit row goes on the visit, and on each issue whose text changed.
 */
export async function correctVisit(ctx: LedgerContext, input: VisitCorrection): Promise<VisitSummary> {
  const reason = correctionReason(input.reason)
  if (input.headcount !== undefined && (!Number.isInteger(input.headcount) || input.headcount < 1 || input.headcount > 999)) {
    throw new LedgerError('invalid_input', '来访人数须为 1 至 999 的整数')
  }
  const note = input.note === undefined ? undefined : optionalText(input.note, '备注', 500)
  await write(ctx, async (trx) => {
    // The whole form stands on the visit as read, its matters' text included (an issue's own 更正
    // raises the visit's version too): someone else's change meanwhile is never overwritten.
    await claimVersion(trx, 'visits', input.visitId, input.version)
    const v = await trx.selectFrom('visits').selectAll().where('id', '=', input.visitId).executeTakeFirst()
    if (!v) throw notFound('来访登记', input.visitId)
    const record = { receivedById: v.received_by_id, arrivedOn: v.arrived_at.slice(0, 10), voided: v.voided_at !== null }
    const visitChanges: FieldChange[] = []
    if (input.headcount !== undefined && input.headcount !== v.headcount) {
      visitChanges.push({
        entity: 'visit',
        entityId: v.id,
        field: 'headcount',
        before: String(v.headcount),
        after: String(input.headcount),
      })
    }
    if (note !== undefined && note !== v.note)
      visitChanges.push({ entity: 'visit', entityId: v.id, field: 'note', before: v.note, after: note })
    if (visitChanges.length > 0) await assertMayCorrect(trx, ctx, { what: '来访登记', ...record }, today(ctx))

    const byIssue: { issueId: number; changes: FieldChange[] }[] = []
    const consultationChanges: FieldChange[] = []
    for (const m of input.matters ?? []) {
      const row = await matterRecord(trx, m.matterId)
      if (row.visit_id !== v.id) throw new LedgerError('invalid_input', `事项 ${m.matterId} 不属于这条来访登记`)
      const changes = matterChanges(row, m)
      if (changes.length === 0) continue
      const issue = row.issue_id !== null
      await assertMayCorrect(
        trx,
        ctx,
        { what: issue ? '问题' : '咨询', ...record, settled: row.issue_status !== null && !isOpenStatus(row.issue_status) },
        today(ctx),
      )
      await applyMatterChanges(trx, row.id, changes)
      if (row.issue_id !== null) byIssue.push({ issueId: row.issue_id, changes })
      else consultationChanges.push(...changes)
    }
    if (visitChanges.length === 0 && consultationChanges.length === 0 && byIssue.length === 0) throw nothingChanged()
    if (visitChanges.length > 0) {
      await trx
        .updateTable('visits')
        .set({ version: nextVersion, headcount: input.headcount ?? v.headcount, note: note === undefined ? v.note : note })
        .where('id', '=', v.id)
        .execute()
    }
    if (visitChanges.length > 0 || consultationChanges.length > 0) {
      await recordCorrections(trx, ctx, [...visitChanges, ...consultationChanges], reason, { entity: 'visit', id: v.id })
    }
    for (const { issueId, changes } of byIssue) {
      await trx
        .updateTable('issues')
        .set({ version: nextVersion, updated_at: stamp(ctx) })
        .where('id', '=', issueId)
        .execute()
      await recordCorrections(trx, ctx, changes, reason, { entity: 'issue', id: issueId })
    }
  })
  return summaryOf(ctx.db, input.visitId)
}

function toCorrection(r: {
  id: number
  entity: CorrectionEntity
  entity_id: number
  field: string
  old_value: string | null
  new_value: string | null
  reason: string
  actor_name: string
  at: string
}): Correction {
  return {
    id: r.id,
    entity: r.entity,
    entityId: r.entity_id,
    field: r.field,
    fieldLabel: correctionField.label(r.field),
    before: r.old_value,
    after: r.new_value,
    reason: r.reason,
    actorName: r.actor_name,
    at: r.at,
  }
}

/** A visit's corrections with those of its matters and issues, oldest first. */
export async function visitCorrections(db: Executor, visitId: number): Promise<Correction[]> {
  const rows = await correctionsOf(db, { visitIds: [visitId] })
    .selectAll('c')
    .orderBy('c.id')
    .execute()
  return rows.map(toCorrection)
}

/** An issue's corrections, its matter's included, oldest first. */
export async function issueCorrections(db: Executor, issueId: number): Promise<Correction[]> {
  const rows = await correctionsOf(db, { issueId }).selectAll('c').orderBy('c.id').execute()
  return rows.map(toCorrection)
}
