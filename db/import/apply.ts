import { nextVersion } from '../core/versions'
import { assertAdministers } from '../core/access'
import { sql } from 'kysely'
import { audit } from '../core/audit'
import { stamp, write, type LedgerContext, type Tx } from '../core/context'
import { loadCalendar } from '../issues/deadlines'
import { defaultSource } from '../issues/source'
import { LedgerError } from '../core/errors'
import type { ImportBatchSummary, ImportCounts, ImportReport, ImportRowProblem } from '../../shared/types'
import { emptyImportCounts } from './counts'
import { duplicateOf } from './match-ledger'
import { prepare, type ImportRequest, type Prepared } from './prepare'
import { mappingByNumber } from './row-reader'
import type { Lists, RunState } from './run-state'
import { writeRecord } from './write-record'

// The import itself: every record of the sheet written in ONE transaction, each row inside a
// savepoint so a row the ledger refuses can be reported (dry run) or skipped (skipBad) without
// leaving half of it behind; any other failure rolls back the whole import. A dry run is the same
// import, rolled back at the end: what it reports is exactly what the import would do.

const YIELD_EVERY = 25

class DryRunDone extends Error {
  constructor(readonly report: ImportBatchSummary) {
    super('dry run')
  }
}

async function maxId(
  trx: Tx,
  table: 'visitors' | 'organizations' | 'issue_history' | 'progress_notes' | 'callbacks' | 'extensions',
): Promise<number> {
  const row = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst()
  return Number(row?.m ?? 0)
}

function rowFailure(row: number, e: LedgerError): LedgerError {
  return new LedgerError(e.code, `第 ${row} 行：${e.message}。导入已取消，台账未作任何改动`)
}

async function importAll(ctx: LedgerContext, req: ImportRequest, p: Prepared, dryRun: boolean): Promise<ImportBatchSummary> {
  const skipBad = req.options?.skipBad === true
  const unreadableRows = new Set(p.unreadable.map((u) => u.row))
  if (!dryRun && unreadableRows.size > 0 && !skipBad) {
    const rows = [...unreadableRows].sort((a, b) => a - b)
    throw new LedgerError(
      'import_unreadable',
      `有 ${rows.length} 行无法读取（第 ${rows.slice(0, 10).join('、')}${rows.length > 10 ? ' 等' : ''} 行），请先在表格中修正，或选择“跳过无法读取的行”后再导入。台账未作任何改动`,
    )
  }
  const total = p.records.length
  return write(ctx, async (trx) => {
    const categories = await trx
      .selectFrom('categories')
      .select(['id', 'name', 'time_limit_days', 'time_limit_unit'])
      .orderBy('sort_order')
      .orderBy('id')
      .execute()
    if (categories.length === 0) throw new LedgerError('import_setup', '台账中还没有问题类别，请先在“设置 → 问题类别”中设置')
    const lists: Lists = {
      categories,
      departments: await trx.selectFrom('departments').select(['id', 'name']).orderBy('sort_order').orderBy('id').execute(),
      staff: await trx.selectFrom('staff').select(['id', 'name']).orderBy('active', 'desc').orderBy('id').execute(),
      calendar: await loadCalendar(trx),
      deskSourceId: (await defaultSource(trx, 'desk'))?.id ?? null,
    }
    const mapping = mappingByNumber(p.columns)
    const batch = await trx
      .insertInto('import_batches')
      .values({
        file_name: p.fileName,
        sheet: p.grid.name,
        mapping: JSON.stringify(mapping),
        actor_id: ctx.actor.id,
        actor_name: ctx.actor.name,
        created_at: stamp(ctx),
        finished_at: null,
        undone_at: null,
        undone_by_id: null,
        undone_by_name: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const s: RunState = {
      batchId: batch.id,
      lists,
      sessions: new Map(),
      departmentsByName: new Map(),
      visitorsMatched: new Set(),
      organizationsMatched: new Set(),
      preMaxVisitor: await maxId(trx, 'visitors'),
      preMaxOrganization: await maxId(trx, 'organizations'),
      counts: emptyImportCounts(),
      warnings: p.warnings,
      prepared: p,
    }
    const duplicates: ImportRowProblem[] = []
    const refused: ImportRowProblem[] = []
    const months = new Set<string>()
    for (const [i, r] of p.records.entries()) {
      await sql`savepoint import_row`.execute(trx)
      try {
        const duplicate = await duplicateOf(trx, s, r)
        if (duplicate !== null) duplicates.push({ row: r.row, column: null, message: duplicate })
        else {
          await writeRecord(trx, ctx, s, r)
          months.add(r.date.slice(0, 7))
        }
        await sql`release import_row`.execute(trx)
      } catch (e) {
        await sql`rollback to import_row`.execute(trx)
        await sql`release import_row`.execute(trx)
        if (!(e instanceof LedgerError)) throw e
        if (!dryRun && !skipBad) throw rowFailure(r.row, e)
        refused.push({ row: r.row, column: null, message: e.message })
      }
      req.onProgress?.({ done: i + 1, total })
      // Lets the app answer the progress poll while a long import runs.
      if ((i + 1) % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve))
    }

    await trx
      .updateTable('visitors')
      .set({ version: nextVersion, import_batch_id: s.batchId })
      .where('id', '>', s.preMaxVisitor)
      .where('import_batch_id', 'is', null)
      .execute()
    await trx
      .updateTable('organizations')
      .set({ version: nextVersion, import_batch_id: s.batchId })
      .where('id', '>', s.preMaxOrganization)
      .where('import_batch_id', 'is', null)
      .execute()
    const counts: ImportCounts = {
      ...s.counts,
      rows: p.records.length + unreadableRows.size,
      visitorsCreated: (await maxId(trx, 'visitors')) - s.preMaxVisitor,
      visitorsMatched: s.visitorsMatched.size,
      organizationsCreated: (await maxId(trx, 'organizations')) - s.preMaxOrganization,
      organizationsMatched: s.organizationsMatched.size,
      months: [...months].sort(),
    }
    const unreadable = [...p.unreadable, ...refused].sort((a, b) => a.row - b.row)
    const skipped = new Set(unreadable.map((u) => u.row)).size
    const report: ImportBatchSummary = {
      batchId: s.batchId,
      fileName: p.fileName,
      sheet: p.grid.name,
      headerRow: p.layout.headerIndex + 1,
      mapping,
      counts,
      blankRows: p.blankRows,
      totalRows: p.totalRows,
      duplicates,
      unreadable,
      warnings: s.warnings.list(),
      skipped: dryRun ? 0 : skipped,
    }
    if (dryRun) throw new DryRunDone(report)

    await trx
      .updateTable('import_batches')
      .set({
        rows_total: counts.rows,
        rows_imported: counts.imported,
        rows_skipped: skipped,
        rows_duplicate: duplicates.length,
        summary: JSON.stringify(counts),
        last_history_id: await maxId(trx, 'issue_history'),
        last_note_id: await maxId(trx, 'progress_notes'),
        last_callback_id: await maxId(trx, 'callbacks'),
        last_extension_id: await maxId(trx, 'extensions'),
        finished_at: stamp(ctx),
      })
      .where('id', '=', s.batchId)
      .execute()
    await audit(trx, ctx, 'import', 'import_batch', s.batchId, {
      file: p.fileName,
      sheet: p.grid.name,
      mapping,
      rows: counts.rows,
      imported: counts.imported,
      skippedRows: unreadable.map((u) => u.row),
      duplicateRows: duplicates.map((d) => d.row),
      visits: counts.visits,
      issues: counts.issues,
      consultations: counts.consultations,
      sessionsCreated: counts.sessionsCreated,
    })
    return report
  })
}

/** What the import would do, row by row, without changing the ledger. */
export async function dryRunImport(ctx: LedgerContext, req: ImportRequest): Promise<ImportReport> {
  const p = await prepare(ctx, req)
  try {
    await importAll(ctx, req, p, true)
  } catch (e) {
    if (e instanceof DryRunDone) {
      const { batchId: _batchId, skipped: _skipped, ...report } = e.report
      return report
    }
    throw e
  }
  throw new LedgerError('internal', '试导入未能完成')
}

/** Imports the sheet as one batch, all or nothing; refuses unreadable rows unless options.skipBad. */
export async function runImport(ctx: LedgerContext, req: ImportRequest): Promise<ImportBatchSummary> {
  await assertAdministers(ctx, '导入台账')
  const p = await prepare(ctx, req)
  return importAll(ctx, req, p, false)
}
