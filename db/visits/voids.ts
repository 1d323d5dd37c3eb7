import { nextVersion } from '../core/versions'
import { assertSignedIn, mayAdminister } from '../core/access'
import { audit } from '../core/audit'
import { stamp, today, write, type LedgerContext } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import { recordHistory } from '../issues/history'
import { sessionStatus } from '../../shared/codes/sessions'
import type { VoidResult } from '../../shared/types'
import { requireText } from '../validation/text'
import { refreshLastVisits } from '../directory/last-visit'

// Nothing in the ledger is ever deleted. A record entered by mistake is marked void with a
// reason: it stays in the file and in the audit log, and leaves every list and figure.

const REASON_MAX = 200

/**
 * Voids a visit and, with it, the issues it raised (their numbers stay taken, so numbering keeps
 * no gaps or reuse). Desk staff may void a visit they registered themselves today while none of
 * its issues has gone past 受理; anything else needs a supervisor.
 */
export async function voidVisit(ctx: LedgerContext, input: { visitId: number; reason: string }): Promise<VoidResult> {
  const reason = requireText(input.reason, '作废原因', REASON_MAX)
  await assertSignedIn(ctx, '作废来访登记')
  return write(ctx, async (trx) => {
    const visit = await trx.selectFrom('visits').selectAll().where('id', '=', input.visitId).executeTakeFirst()
    if (!visit) throw notFound('来访登记', input.visitId)
    if (visit.voided_at !== null) throw new LedgerError('invalid_transition', `该来访登记已于 ${visit.voided_at} 作废`)
    const issues = await trx
      .selectFrom('issues as i')
      .innerJoin('matters as m', 'm.id', 'i.matter_id')
      .select(['i.id', 'i.number', 'i.status'])
      .where('m.visit_id', '=', visit.id)
      .orderBy('i.id')
      .execute()
    if (!(await mayAdminister(trx, ctx.actor))) {
      const own = visit.received_by_id === ctx.actor.id && visit.arrived_at.slice(0, 10) === today(ctx)
      const untouched = issues.every((i) => i.status === 'accepted')
      if (!own || !untouched) {
        throw new LedgerError('forbidden', '前台工作人员只能作废本人当天登记、问题尚未交办的来访；其他情况请负责人作废')
      }
    }
    const at = stamp(ctx)
    await trx.updateTable('visits').set({ version: nextVersion, voided_at: at, void_reason: reason }).where('id', '=', visit.id).execute()
    await refreshLastVisits(trx, { visitorIds: [visit.visitor_id], organizationIds: [visit.organization_id] })
    // The issues keep their status; the history row says why they left the lists, and updated_at
    // moves with it (no issue's updated_at is older than its last history row).
    if (issues.length > 0)
      await trx
        .updateTable('issues')
        .set({ version: nextVersion, updated_at: at })
        .where(
          'id',
          'in',
          issues.map((i) => i.id),
        )
        .execute()
    for (const i of issues) await recordHistory(trx, ctx, i.id, 'void', i.status, i.status, reason, { visitId: visit.id })
    const issueNumbers = issues.map((i) => i.number)
    await audit(trx, ctx, 'void', 'visit', visit.id, {
      reason,
      issues: issueNumbers,
      sessionId: visit.session_id,
      headcount: visit.headcount,
    })
    return { entity: 'visit', id: visit.id, voidedAt: at, reason, issueNumbers }
  })
}

/**
 * Voids a reception day that should not be in the ledger. It must have no valid visits left
 * (void those first, one by one, each with its reason). A day still 计划中 may be voided by
 * whoever planned it; one that was held needs a supervisor.
 */
export async function voidSession(ctx: LedgerContext, input: { id: number; reason: string }): Promise<VoidResult> {
  const reason = requireText(input.reason, '作废原因', REASON_MAX)
  await assertSignedIn(ctx, '作废接待日')
  return write(ctx, async (trx) => {
    const s = await trx.selectFrom('sessions').selectAll().where('id', '=', input.id).executeTakeFirst()
    if (!s) throw notFound('接待日', input.id)
    if (s.voided_at !== null) throw new LedgerError('invalid_transition', `接待日“${s.title}”已于 ${s.voided_at} 作废`)
    if (s.status !== 'planned' && !(await mayAdminister(trx, ctx.actor))) {
      throw new LedgerError('forbidden', `接待日“${s.title}”${sessionStatus.labels[s.status]}，只有负责人可以作废已举行的接待日`)
    }
    const live = await trx
      .selectFrom('visits')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('session_id', '=', s.id)
      .where('voided_at', 'is', null)
      .executeTakeFirstOrThrow()
    if (Number(live.n) > 0) {
      throw new LedgerError('invalid_transition', `接待日“${s.title}”还有 ${Number(live.n)} 条有效来访登记，请先逐条作废后再作废接待日`)
    }
    const at = stamp(ctx)
    await trx
      .updateTable('sessions')
      .set({ version: nextVersion, voided_at: at, void_reason: reason, updated_at: at })
      .where('id', '=', s.id)
      .execute()
    await audit(trx, ctx, 'void', 'session', s.id, { reason, title: s.title, date: s.date, status: s.status })
    return { entity: 'session', id: s.id, voidedAt: at, reason, issueNumbers: [] }
  })
}
