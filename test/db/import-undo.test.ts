import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../db/core/audit'
import { monthlySummary } from '../../db/figures/month'
import { inspectImportFile, listImportBatches, runImport, undoImport } from '../../db/import'
import { addProgress, recordCallback } from '../../db/issues/actions'
import { listIssues } from '../../db/issues/queries'
import { listSessions } from '../../db/sessions/sessions'
import { correctIssue } from '../../db/issues/text'
import type { ImportMapping } from '../../shared/types'
import { messyRows, writeMessyXlsx } from '../support/import-fixtures'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { bySupervisor, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
let file: string
let mapping: ImportMapping

seededEngineLedgerPerTest('2023-05-10 09:00:00', (s) => ({ t, f } = s))
beforeEach(async () => {
  // Row 8's section is not in the ledger's list: the import adds it.
  const rows = messyRows()
  const row8 = rows[4]
  if (row8) row8[9] = '城区环保所'
  file = await writeMessyXlsx(path.join(t.dir, 'messy.xlsx'), rows)
  const inspection = await inspectImportFile(file)
  mapping = inspection.sheets.find((s) => s.name === inspection.defaultSheet)?.mapping ?? {}
})

async function issueNumbers(): Promise<string[]> {
  return (await listIssues(t.ctx.db, { sort: 'number', order: 'asc' }, '2023-05-10')).rows.map((r) => r.number)
}

describe('undoing an import', () => {
  it('voids the whole batch: its visits, their issues, its reception days and sections leave every list and figure', async () => {
    const done = await runImport(bySupervisor(t, f), { file, mapping, options: { skipBad: true } })
    expect(done.counts.departmentsCreated).toBe(1)
    expect(await issueNumbers()).toHaveLength(5)

    const undone = await undoImport(bySupervisor(t, f), done.batchId)
    expect(undone).toEqual({
      batchId: 1,
      reason: '撤销导入批次 1',
      visits: 6,
      issueNumbers: ['JD-2023-03-0001', 'JD-2023-03-0002', 'JD-2023-03-0003', 'JD-2023-03-0004', 'JD-2023-03-0005'],
      sessions: 6,
      departments: 1,
    })
    // Nothing deleted: voided, with the reason.
    const visits = await t.ctx.db.selectFrom('visits').select(['voided_at', 'void_reason']).execute()
    expect(visits).toHaveLength(6)
    expect(visits.every((v) => v.voided_at !== null && v.void_reason === '撤销导入批次 1')).toBe(true)
    expect(await issueNumbers()).toEqual([])
    expect(await listSessions(t.ctx.db, { month: '2023-03' })).toEqual([])
    const department = await t.ctx.db
      .selectFrom('departments')
      .select(['name', 'active'])
      .where('import_batch_id', '=', 1)
      .executeTakeFirstOrThrow()
    expect(department).toEqual({ name: '城区环保所', active: 0 })
    expect(await monthlySummary(t.ctx.db, '2023-03', '2023-05-10')).toMatchObject({
      sessions: 0,
      visits: 0,
      personTimes: 0,
      consultations: 0,
      issuesAccepted: 0,
      callbacks: 0,
    })
    // Each issue's timeline says why it left.
    const voids = await t.ctx.db.selectFrom('issue_history').select(['action', 'reason']).where('action', '=', 'void').execute()
    expect(voids).toHaveLength(5)
    expect(voids.every((v) => v.reason === '撤销导入批次 1')).toBe(true)

    const [batch] = await listImportBatches(t.ctx.db)
    expect(batch?.undoneAt).not.toBeNull()
    expect(batch?.undoneByName).toBe('李建国')
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'entity_id'])
      .where('action', '=', 'undo_import')
      .execute()
    expect(audit).toEqual([{ action: 'undo_import', entity: 'import_batch', entity_id: 1 }])
    expect((await verifyAuditChain(t.ctx.db)).brokenAt).toBeNull()

    await expect(undoImport(bySupervisor(t, f), 1)).rejects.toThrow(/^导入批次 1 已于 .+ 撤销$/)
    await expect(undoImport(bySupervisor(t, f), 9)).rejects.toThrow('找不到导入批次（编号 9）')
  })

  it('imports the sheet again after an undo, reusing the people and enterprises the first import created', async () => {
    await runImport(bySupervisor(t, f), { file, mapping, options: { skipBad: true } })
    await undoImport(bySupervisor(t, f), 1)
    const again = await runImport(bySupervisor(t, f), { file, mapping, options: { skipBad: true } })
    expect(again.counts).toMatchObject({
      imported: 6,
      visitorsCreated: 0,
      visitorsMatched: 6,
      organizationsCreated: 0,
      organizationsMatched: 2,
      sessionsCreated: 6,
    })
    // New numbers after the voided ones: numbers are never reused.
    expect(await issueNumbers()).toEqual(['JD-2023-03-0006', 'JD-2023-03-0007', 'JD-2023-03-0008', 'JD-2023-03-0009', 'JD-2023-03-0010'])
    expect(await monthlySummary(t.ctx.db, '2023-03', '2023-05-10')).toMatchObject({ sessions: 6, visits: 6, issuesAccepted: 5 })
  })

  it('refuses once someone has worked on an imported issue, and changes nothing', async () => {
    await runImport(bySupervisor(t, f), { file, mapping, options: { skipBad: true } })
    const issue = await t.ctx.db.selectFrom('issues').select('id').where('number', '=', 'JD-2023-03-0002').executeTakeFirstOrThrow()
    await addProgress(t.ctx, { issueId: issue.id, note: '已约谈广场舞组织者' })
    const before = await tableCounts(t)
    await expect(undoImport(bySupervisor(t, f), 1)).rejects.toThrow(
      '导入批次 1 的问题在导入后已有新的办理、回访或修改记录（JD-2023-03-0002），不能整批撤销。请在问题台账中逐条处理，或由负责人逐条作废相关来访登记。',
    )
    expect(await tableCounts(t)).toEqual(before)
  })

  it('refuses after a correction of an imported issue’s text', async () => {
    await runImport(bySupervisor(t, f), { file, mapping, options: { skipBad: true } })
    const accepted = await t.ctx.db.selectFrom('issues').select('id').where('number', '=', 'JD-2023-03-0005').executeTakeFirstOrThrow()
    // Imported months ago, so past the desk's correction period: a supervisor's correction.
    await correctIssue(bySupervisor(t, f), { issueId: accepted.id, place: '南岗村', reason: '来访人补充说明' })
    await expect(undoImport(bySupervisor(t, f), 1)).rejects.toThrow('（JD-2023-03-0005）')
  })

  it('refuses after a callback on an imported issue', async () => {
    const rows = messyRows()
    const zhang = rows[0]
    // 张三's issue resolved but not yet called back.
    if (zhang) zhang[12] = null
    const f2 = await writeMessyXlsx(path.join(t.dir, 'resolved.xlsx'), rows)
    await runImport(bySupervisor(t, f), { file: f2, mapping, options: { skipBad: true } })
    const resolved = await t.ctx.db
      .selectFrom('issues')
      .select(['id', 'status'])
      .where('number', '=', 'JD-2023-03-0001')
      .executeTakeFirstOrThrow()
    expect(resolved.status).toBe('resolved')
    await recordCallback(t.ctx, { issueId: resolved.id, method: 'phone', satisfaction: 'satisfied' })
    await expect(undoImport(bySupervisor(t, f), 1)).rejects.toThrow('（JD-2023-03-0001）')
  })
})
