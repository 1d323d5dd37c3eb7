import { nextVersion } from '../core/versions'
import { issueVisitJoin } from '../issues/join'
import { assertAdministers } from '../core/access'
import { sql } from 'kysely'
import { audit } from '../core/audit'
import { stamp, write, type Executor, type LedgerContext } from '../core/context'
import { LedgerError, notFound } from '../core/errors'
import type { ImportBatch, ImportCounts, ImportUndoResult } from '../../shared/types'
import { emptyImportCounts } from './counts'
import { refreshLastVisits } from '../directory/last-visit'

// Undoing an import as a whole. The ledger never deletes: the batch's visits are voided with the
// reason “撤销导入批次 N” (their issues leave every list and figure with them, as with any voided
// visit), the reception days the batch created are voided once no valid visit is left on them, and
// sections it created are switched off when nothing else uses them. People and enterprises it
// created stay in the directory (they carry no figures; 名录 can merge them). Refused when anyone
// has worked on the batch's records since: those records are no longer only the import's.

function parseCounts(json: string): ImportCounts {
  try {
    const parsed: unknown = JSON.parse(json)
    if (parsed !== null && typeof parsed === 'object') return { ...emptyImportCounts(), ...parsed }
  } catch {
    // A summary that does not parse shows as zeros; the batch's rows are still there.
  }
  return emptyImportCounts()
}

export async function listImportBatches(db: Executor): Promise<ImportBatch[]> {
  const rows = await db.selectFrom('import_batches').selectAll().where('finished_at', 'is not', null).orderBy('id', 'desc').execute()
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    sheet: r.sheet,
    createdAt: r.created_at,
    actorName: r.actor_name,
    rowsTotal: r.rows_total,
    rowsImported: r.rows_imported,
    rowsSkipped: r.rows_skipped,
    rowsDuplicate: r.rows_duplicate,
    counts: parseCounts(r.summary),
    undoneAt: r.undone_at,
    undoneByName: r.undone_by_name,
  }))
}

export function undoReason(batchId: number): string {
  return `撤销导入批次 ${batchId}`
}

export async function undoImport(ctx: LedgerContext, batchId: number): Promise<ImportUndoResult> {
  await assertAdministers(ctx, '撤销导入')
  return write(ctx, async (trx) => {
    const batch = await trx.selectFrom('import_batches').selectAll().where('id', '=', batchId).executeTakeFirst()
    if (!batch || batch.finished_at === null) throw notFound('导入批次', batchId)
    if (batch.undone_at !== null) throw new LedgerError('invalid_transition', `导入批次 ${batchId} 已于 ${batch.undone_at} 撤销`)

    const issues = await issueVisitJoin(trx)
      .select(['i.id', 'i.number', 'i.status', 'v.id as visit_id'])
      .where('v.import_batch_id', '=', batchId)
      .orderBy('i.id')
      .execute()
    const issueIds = issues.length > 0 ? issues.map((i) => i.id) : [-1]
    // The batch's own audit row is the import's last write.
    const importAudit = await trx
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('entity', '=', 'import_batch')
      .where('entity_id', '=', batchId)
      .where('action', '=', 'import')
      .executeTakeFirst()
    const lastImportAudit = Number(importAudit?.id ?? 0)

    // Anything written on the batch's issues after the import, or a visit voided since.
    const worked = await trx
      .selectFrom('issues as i')
      .select('i.number')
      .where('i.id', 'in', issueIds)
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('issue_history as h')
              .select('h.id')
              .whereRef('h.issue_id', '=', 'i.id')
              .where('h.id', '>', batch.last_history_id),
          ),
          eb.exists(
            eb.selectFrom('progress_notes as n').select('n.id').whereRef('n.issue_id', '=', 'i.id').where('n.id', '>', batch.last_note_id),
          ),
          eb.exists(
            eb.selectFrom('callbacks as c').select('c.id').whereRef('c.issue_id', '=', 'i.id').where('c.id', '>', batch.last_callback_id),
          ),
          eb.exists(
            eb.selectFrom('extensions as e').select('e.id').whereRef('e.issue_id', '=', 'i.id').where('e.id', '>', batch.last_extension_id),
          ),
          // Every change is audited, text corrections included: any audit row on the issue since the import.
          eb.exists(
            eb
              .selectFrom('audit_log as a')
              .select('a.id')
              .where('a.entity', '=', 'issue')
              .whereRef('a.entity_id', '=', 'i.id')
              .where('a.id', '>', lastImportAudit),
          ),
        ]),
      )
      .orderBy('i.id')
      .execute()
    if (worked.length > 0) {
      const shown = worked
        .slice(0, 5)
        .map((w) => w.number)
        .join('、')
      throw new LedgerError(
        'import_changed',
        `导入批次 ${batchId} 的问题在导入后已有新的办理、回访或修改记录（${shown}${worked.length > 5 ? ` 等 ${worked.length} 个` : ''}），不能整批撤销。请在问题台账中逐条处理，或由负责人逐条作废相关来访登记。`,
      )
    }
    const visitsChanged = await trx
      .selectFrom('visits as v')
      .select('v.id')
      .where('v.import_batch_id', '=', batchId)
      .where((eb) =>
        eb.or([
          eb('v.voided_at', 'is not', null),
          eb.exists(
            eb
              .selectFrom('audit_log as a')
              .select('a.id')
              .where('a.entity', '=', 'visit')
              .whereRef('a.entity_id', '=', 'v.id')
              .where('a.id', '>', lastImportAudit),
          ),
        ]),
      )
      .execute()
    if (visitsChanged.length > 0) {
      throw new LedgerError(
        'import_changed',
        `导入批次 ${batchId} 中已有 ${visitsChanged.length} 条来访登记在导入后被作废或修改，不能整批撤销。请由负责人逐条作废其余来访登记。`,
      )
    }

    const reason = undoReason(batchId)
    const at = stamp(ctx)
    const visits = await trx
      .selectFrom('visits')
      .select(['id', 'session_id', 'headcount', 'visitor_id', 'organization_id'])
      .where('import_batch_id', '=', batchId)
      .orderBy('id')
      .execute()
    await trx
      .updateTable('visits')
      .set({ version: nextVersion, voided_at: at, void_reason: reason })
      .where('import_batch_id', '=', batchId)
      .execute()
    await refreshLastVisits(trx, { visitorIds: visits.map((v) => v.visitor_id), organizationIds: visits.map((v) => v.organization_id) })
    for (const i of issues) {
      await trx
        .insertInto('issue_history')
        .values({
          issue_id: i.id,
          action: 'void',
          from_status: i.status,
          to_status: i.status,
          actor_id: ctx.actor.id,
          at,
          reason,
          detail: JSON.stringify({ visitId: i.visit_id, importBatchId: batchId }),
        })
        .execute()
    }
    for (const v of visits) {
      await audit(trx, ctx, 'void', 'visit', v.id, {
        reason,
        issues: issues.filter((i) => i.visit_id === v.id).map((i) => i.number),
        sessionId: v.session_id,
        headcount: v.headcount,
      })
    }

    // Reception days the batch created, once none of their visits is valid (another batch or the
    // desk may have added some).
    const sessions = await trx
      .selectFrom('sessions as s')
      .select(['s.id', 's.title'])
      .where('s.import_batch_id', '=', batchId)
      .where('s.voided_at', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('visits as v').select('v.id').whereRef('v.session_id', '=', 's.id').where('v.voided_at', 'is', null))),
      )
      .execute()
    for (const s of sessions) {
      await trx
        .updateTable('sessions')
        .set({ version: nextVersion, voided_at: at, void_reason: reason, updated_at: at })
        .where('id', '=', s.id)
        .execute()
      await audit(trx, ctx, 'void', 'session', s.id, { reason, title: s.title })
    }

    const departments = await trx
      .selectFrom('departments as d')
      .select(['d.id', 'd.name'])
      .where('d.import_batch_id', '=', batchId)
      .where('d.active', '=', 1)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('issues as i')
              .innerJoin('matters as m', 'm.id', 'i.matter_id')
              .innerJoin('visits as v', 'v.id', 'm.visit_id')
              .select('i.id')
              .whereRef('i.department_id', '=', 'd.id')
              .where('v.voided_at', 'is', null),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('staff as st').select('st.id').whereRef('st.department_id', '=', 'd.id'))),
      )
      .execute()
    for (const d of departments) {
      await trx.updateTable('departments').set({ active: 0 }).where('id', '=', d.id).execute()
      await audit(trx, ctx, 'update', 'department', d.id, { reason, name: d.name, active: false })
    }

    await trx
      .updateTable('import_batches')
      .set({ undone_at: at, undone_by_id: ctx.actor.id, undone_by_name: ctx.actor.name })
      .where('id', '=', batchId)
      .execute()
    const issueNumbers = issues.map((i) => i.number)
    await audit(trx, ctx, 'undo_import', 'import_batch', batchId, {
      file: batch.file_name,
      visits: visits.length,
      issues: issueNumbers,
      sessions: sessions.map((s) => s.id),
      departments: departments.map((d) => d.name),
    })
    return { batchId, reason, visits: visits.length, issueNumbers, sessions: sessions.length, departments: departments.length }
  })
}

/** How many of a batch's visits are still valid: 0 after an undo. */
export async function liveVisitsOfBatch(db: Executor, batchId: number): Promise<number> {
  const row = await db
    .selectFrom('visits')
    .select(sql<number>`count(*)`.as('n'))
    .where('import_batch_id', '=', batchId)
    .where('voided_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
