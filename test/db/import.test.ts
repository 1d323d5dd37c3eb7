import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../db/core/audit'
import { WorkCalendar } from '../../db/calendar/working-days'
import { monthlySummary } from '../../db/figures/month'
import { dryRunImport, inspectImportFile, listImportBatches, runImport } from '../../db/import'
import { openSession, planSession } from '../../db/sessions/sessions'
import type { ImportMapping } from '../../shared/types'
import { registerVisit } from '../../db/visits/register'
import { CSV_TEXT, GOOD_CODE, writeFile, writeMessyXlsx } from '../support/import-fixtures'
import type { Ledger } from '../../db/core/open'
import { seededEngineLedgerPerTest } from '../support/ledger-hooks'
import { bySupervisor, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

let t: TestLedger<Ledger>
let f: Fixture
let file: string
let mapping: ImportMapping

seededEngineLedgerPerTest('2023-05-10 09:00:00', (s) => ({ t, f } = s))
beforeEach(async () => {
  file = await writeMessyXlsx(path.join(t.dir, '接待日台账2023.xlsx'))
  const inspection = await inspectImportFile(file)
  mapping = inspection.sheets.find((s) => s.name === inspection.defaultSheet)?.mapping ?? {}
})

describe('dry run', () => {
  it('reports what would be created, the duplicate and each unreadable row with its reason, and changes nothing', async () => {
    const before = await tableCounts(t)
    const report = await dryRunImport(t.ctx, { file, mapping })
    expect(await tableCounts(t)).toEqual(before)

    expect(report.sheet).toBe('2023年台账')
    expect(report.headerRow).toBe(3)
    expect(report.blankRows).toBe(2)
    expect(report.totalRows).toBe(1)
    expect(report.counts).toMatchObject({
      rows: 10,
      imported: 6,
      sessionsCreated: 6,
      sessionsReused: 0,
      visits: 6,
      personTimes: 7,
      consultations: 1,
      issues: 5,
      callbacks: 2,
      visitorsCreated: 6,
      visitorsMatched: 0,
      organizationsCreated: 2,
      organizationsMatched: 0,
      departmentsCreated: 0,
      months: ['2023-03'],
    })
    expect(report.counts.issuesByStatus).toMatchObject({ closed: 1, assigned: 1, in_progress: 1, reopened: 1, accepted: 1, resolved: 0 })
    expect(report.unreadable).toEqual([
      { row: 7, column: 'F 统一社会信用代码', message: '统一社会信用代码校验不通过，请核对：91350100M000100Y44' },
      { row: 12, column: 'B 来访日期', message: '日期不存在：2023-02-30' },
      { row: 13, column: 'C 姓名', message: '请填写来访人姓名' },
    ])
    expect(report.duplicates).toEqual([{ row: 14, column: null, message: '与本文件第 4 行相同，未重复导入' }])
    const warnings = Object.fromEntries(report.warnings.map((w) => [w.message, w.rows]))
    expect(warnings).toMatchObject({
      '承办股室“执法大队”按“生态环境保护综合行政执法大队”导入': [5],
      '问题类别“废水”不在类别列表中，按“水”导入': [8],
      '问题类别“xx”不在类别列表中，按“其他”导入': [11],
      '有办理结果但没有办结日期，按“办理中”导入，办理结果记为办理进展': [8],
    })
  })

  it('finds people, enterprises, reception days and visits the ledger already has, by the desk’s rules', async () => {
    t.clock.set('2023-03-06 08:30:00')
    const enterpriseDay = await planSession(t.ctx, { date: '2023-03-06', kind: 'enterprise', location: '政务服务中心' })
    await openSession(t.ctx, enterpriseDay.id)
    // Same phone and name, same credit code: the same person and enterprise; another matter.
    await registerVisit(t.ctx, {
      sessionId: enterpriseDay.id,
      visitor: { name: '张三', phone: '13812345678', kind: 'enterprise' },
      organization: { name: '青山化工有限公司（旧名）', creditCode: GOOD_CODE },
      headcount: 1,
      matters: [{ type: 'consultation', categoryId: f.category('排污许可').id, content: '排污许可证延续', answer: '已告知材料' }],
    })
    t.clock.set('2023-03-15 08:30:00')
    const publicDay = await planSession(t.ctx, { date: '2023-03-15', kind: 'public', location: '接待室' })
    await openSession(t.ctx, publicDay.id)
    // The very visit of sheet row 10, registered at the desk on the day.
    await registerVisit(t.ctx, {
      sessionId: publicDay.id,
      visitor: { name: '周八', phone: '13800138000', kind: 'resident' },
      headcount: 1,
      matters: [{ type: 'issue', categoryId: f.category('固废/危废').id, content: '路边倾倒建筑垃圾' }],
    })
    t.clock.set('2023-05-10 09:00:00')

    const report = await dryRunImport(t.ctx, { file, mapping })
    expect(report.counts).toMatchObject({
      imported: 5,
      visitorsMatched: 1,
      visitorsCreated: 4,
      organizationsMatched: 1,
      organizationsCreated: 1,
      sessionsReused: 1,
      sessionsCreated: 4,
    })
    expect(report.duplicates.map((d) => d.row)).toEqual([10, 14])
    expect(report.duplicates[0]?.message).toMatch(/^台账中已有相同的来访登记（#\d+，2023-03-15 周八），未重复导入$/)
  })
})

describe('import', () => {
  it('refuses a sheet with unreadable rows and leaves the ledger as it was', async () => {
    const before = await tableCounts(t)
    await expect(runImport(bySupervisor(t, f), { file, mapping })).rejects.toThrow(
      '有 3 行无法读取（第 7、12、13 行），请先在表格中修正，或选择“跳过无法读取的行”后再导入。台账未作任何改动',
    )
    expect(await tableCounts(t)).toEqual(before)
  })

  it('imports the readable rows as one batch of historical reception days, visits and issues with their history', async () => {
    const done = await runImport(bySupervisor(t, f), { file, mapping, options: { skipBad: true } })
    expect(done.batchId).toBe(1)
    expect(done.skipped).toBe(3)
    expect(done.counts.imported).toBe(6)
    const db = t.ctx.db

    // Reception days: held and closed on the sheet's dates, one per date and kind.
    const sessions = await db.selectFrom('sessions').selectAll().orderBy('date').orderBy('kind').execute()
    expect(sessions.map((s) => `${s.date} ${s.kind} ${s.status}`)).toEqual([
      '2023-03-06 enterprise closed',
      '2023-03-06 public closed',
      '2023-03-10 public closed',
      '2023-03-15 enterprise closed',
      '2023-03-15 public closed',
      '2023-03-20 public closed',
    ])
    expect(sessions[0]).toMatchObject({
      title: '2023年3月6日服务企业接待日',
      opened_at: '2023-03-06 08:30:00',
      closed_at: '2023-03-06 17:30:00',
      import_batch_id: 1,
    })

    // Issues numbered by the month of their row's date, in sheet order.
    const issues = await db
      .selectFrom('issues as i')
      .innerJoin('matters as m', 'm.id', 'i.matter_id')
      .innerJoin('visits as v', 'v.id', 'm.visit_id')
      .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
      .innerJoin('categories as c', 'c.id', 'i.category_id')
      .leftJoin('departments as d', 'd.id', 'i.department_id')
      .select([
        'i.id',
        'i.number',
        'i.status',
        'p.name',
        'p.phone',
        'c.name as category',
        'd.name as department',
        'i.accepted_date',
        'i.due_date',
        'i.resolved_date',
        'i.closed_date',
        'i.result',
        'v.import_row',
        'i.import_batch_id',
      ])
      .orderBy('i.id')
      .execute()
    expect(issues.map((i) => `${i.number} ${i.name} ${i.status} ${i.category} ${i.department ?? '-'}`)).toEqual([
      'JD-2023-03-0001 张三 closed 大气 大气环境股',
      'JD-2023-03-0002 李四 assigned 噪声 生态环境保护综合行政执法大队',
      'JD-2023-03-0003 赵六 in_progress 水 水生态环境股',
      'JD-2023-03-0004 周八 reopened 固废/危废 土壤与固体废物股',
      'JD-2023-03-0005 吴九 accepted 其他 -',
    ])
    // Full-width digits and spaces are gone from the phone; the name lost its ideographic space.
    expect(issues[1]?.phone).toBe('13988889999')
    // Working-day deadline from the category's time limit (大气 15).
    const calendar = new WorkCalendar([])
    expect(issues[0]).toMatchObject({
      accepted_date: '2023-03-06',
      due_date: calendar.addWorkdays('2023-03-06', 15),
      resolved_date: '2023-03-20',
      closed_date: '2023-03-20',
      result: '已责令整改，复查合格',
      import_batch_id: 1,
    })
    expect(issues[3]).toMatchObject({ resolved_date: null, closed_date: null })

    const history = async (issueId: number | undefined) =>
      (
        await db
          .selectFrom('issue_history')
          .select(['action', 'from_status', 'to_status', 'at'])
          .where('issue_id', '=', issueId ?? -1)
          .orderBy('id')
          .execute()
      ).map((h) => `${h.at} ${h.action} ${h.from_status ?? '∅'}→${h.to_status}`)
    expect(await history(issues[0]?.id)).toEqual([
      '2023-03-06 09:00:00 accept ∅→accepted',
      '2023-03-06 09:00:01 assign accepted→assigned',
      '2023-03-20 17:00:00 resolve assigned→resolved',
      '2023-03-20 17:45:00 close resolved→closed',
    ])
    expect(await history(issues[3]?.id)).toEqual([
      '2023-03-15 09:00:00 accept ∅→accepted',
      '2023-03-15 09:00:01 assign accepted→assigned',
      '2023-04-01 17:00:00 resolve assigned→resolved',
      '2023-04-01 17:30:00 reopen resolved→reopened',
    ])
    const callbacks = await db
      .selectFrom('callbacks')
      .select(['issue_id', 'callback_date', 'method', 'satisfaction', 'comment'])
      .orderBy('id')
      .execute()
    expect(callbacks).toEqual([
      { issue_id: issues[0]?.id, callback_date: '2023-03-20', method: 'phone', satisfaction: 'satisfied', comment: null },
      {
        issue_id: issues[3]?.id,
        callback_date: '2023-04-01',
        method: 'other',
        satisfaction: 'unsatisfied',
        comment: '回访不满意（原台账未记录原因）',
      },
    ])
    const notes = await db.selectFrom('progress_notes').select(['issue_id', 'note_date', 'note']).execute()
    expect(notes).toEqual([{ issue_id: issues[2]?.id, note_date: '2023-03-10', note: '已现场核查，正在整治' }])

    // The consultation, with its answer; the original 序号 in the visit's note.
    const consultation = await db
      .selectFrom('matters as m')
      .innerJoin('visits as v', 'v.id', 'm.visit_id')
      .select(['m.type', 'm.content', 'm.answer', 'v.note', 'v.import_row', 'v.headcount'])
      .where('m.type', '=', 'consultation')
      .executeTakeFirstOrThrow()
    expect(consultation).toEqual({
      type: 'consultation',
      content: '技改项目是否需要重新环评',
      answer: '已解释重大变动清单',
      note: '原台账序号 5',
      import_row: 9,
      headcount: 1,
    })

    // Everything the import created carries its batch; the batch is listed and audited.
    for (const table of ['sessions', 'visits', 'issues', 'visitors', 'organizations'] as const) {
      const untagged = await db.selectFrom(table).select('id').where('import_batch_id', 'is', null).execute()
      expect(untagged, table).toEqual([])
    }
    const [batch] = await listImportBatches(db)
    expect(batch).toMatchObject({
      id: 1,
      fileName: '接待日台账2023.xlsx',
      sheet: '2023年台账',
      rowsTotal: 10,
      rowsImported: 6,
      rowsSkipped: 3,
      rowsDuplicate: 1,
      undoneAt: null,
    })
    expect(batch?.counts.issues).toBe(5)
    const audits = await db.selectFrom('audit_log').select(['action', 'entity']).where('action', '=', 'import').execute()
    expect(audits.filter((a) => a.entity === 'import_batch')).toHaveLength(1)
    expect(audits.filter((a) => a.entity === 'visit')).toHaveLength(6)
    expect(audits.filter((a) => a.entity === 'issue')).toHaveLength(5)
    expect((await verifyAuditChain(db)).brokenAt).toBeNull()

    // The month's figures count the imported history like any other.
    const s = await monthlySummary(db, '2023-03', '2023-05-10')
    expect(s).toMatchObject({
      sessions: 6,
      visits: 6,
      personTimes: 7,
      enterprises: 2,
      consultations: 1,
      issuesAccepted: 5,
      issuesResolved: 1,
      issuesClosed: 1,
      issuesOpen: 4,
      callbacks: 1,
      satisfied: 1,
    })
    // The unsatisfied callback was in April, and the issue was still open when April began.
    expect(await monthlySummary(db, '2023-04', '2023-05-10')).toMatchObject({ callbacks: 1, unsatisfied: 1, carriedOver: 4 })
  })

  it('is all or nothing: a failure in the middle leaves no record and no audit entry behind', async () => {
    const before = await tableCounts(t)
    await expect(
      runImport(bySupervisor(t, f), {
        file,
        mapping,
        options: { skipBad: true },
        onProgress: ({ done }) => {
          if (done === 4) throw new Error('磁盘已满')
        },
      }),
    ).rejects.toThrow('磁盘已满')
    expect(await tableCounts(t)).toEqual(before)
    expect(await listImportBatches(t.ctx.db)).toEqual([])
  })

  it('reports progress row by row up to the total', async () => {
    const seen: string[] = []
    await runImport(bySupervisor(t, f), {
      file,
      mapping,
      options: { skipBad: true },
      onProgress: ({ done, total }) => seen.push(`${done}/${total}`),
    })
    expect(seen).toEqual(['1/7', '2/7', '3/7', '4/7', '5/7', '6/7', '7/7'])
  })

  it('imports nothing twice: re-importing the same sheet finds every row already imported', async () => {
    await runImport(bySupervisor(t, f), { file, mapping, options: { skipBad: true } })
    const counts = await tableCounts(t)
    const again = await runImport(bySupervisor(t, f), { file, mapping, options: { skipBad: true } })
    expect(again.counts.imported).toBe(0)
    expect(again.duplicates.map((d) => d.row)).toEqual([4, 5, 8, 9, 10, 11, 14])
    expect(again.duplicates[0]?.message).toBe('已由导入批次 1 导入（第 4 行），未重复导入')
    // Only the (empty) batch and its audit row (with the batch's digest) were added.
    const after = await tableCounts(t)
    const audited = { import_batches: 0, audit_log: 0, audit_state: 0 }
    expect({ ...after, ...audited }).toEqual({ ...counts, ...audited })
  })

  it('imports a CSV file with quoted commas and line breaks in its cells', async () => {
    const csv = writeFile(t.dir, '台账.csv', `\uFEFF${CSV_TEXT}`)
    const inspection = await inspectImportFile(csv)
    const sheet = inspection.sheets[0]
    expect(sheet?.mapping).toMatchObject({
      seq: 1,
      date: 2,
      visitorName: 3,
      phone: 4,
      organization: 5,
      category: 6,
      content: 7,
      department: 8,
      result: 9,
      resolvedDate: 10,
      callback: 11,
    })
    const done = await runImport(bySupervisor(t, f), { file: csv, mapping: sheet?.mapping ?? {} })
    expect(done.counts).toMatchObject({ imported: 3, issues: 3, organizationsCreated: 1, sessionsCreated: 2 })
    expect(done.counts.issuesByStatus).toMatchObject({ closed: 1, accepted: 2 })
    const contents = await t.ctx.db.selectFrom('matters').select('content').orderBy('id').execute()
    expect(contents.map((c) => c.content)).toEqual(['排污许可证变更，材料已交', '夜间施工噪声，"影响休息"\n多行说明', '油烟扰民'])
  })

  it('takes a day’s date from the row above when the sheet writes it once per day, and says so', async () => {
    const csv = writeFile(
      t.dir,
      '四月.csv',
      [
        '日期,姓名,电话,反映问题,类别',
        '2023-04-03,甲某,13900000001,问题一,大气',
        ',乙某,13900000002,问题二,水',
        ',丙某,13900000003,问题三,噪声',
        '2023-04-04,丁某,13900000004,问题四,大气',
      ].join('\n'),
    )
    const sheet = (await inspectImportFile(csv)).sheets[0]
    const report = await dryRunImport(t.ctx, { file: csv, mapping: sheet?.mapping ?? {} })
    expect(report.unreadable).toEqual([])
    expect(report.counts).toMatchObject({ imported: 4, sessionsCreated: 2, visits: 4 })
    const warnings = Object.fromEntries(report.warnings.map((w) => [w.message, w.rows]))
    expect(warnings['来访日期为空，沿用上一行的日期']).toEqual([3, 4])
    // No enterprise on any row and no 接待类型 column: 服务群众接待日, said once for the file.
    expect(warnings['表格未注明接待类型的行按“服务群众接待日”导入']).toEqual([])
  })

  it('refuses a mapping that leaves out a required field or points at a missing column', async () => {
    const { content: _content, ...withoutContent } = mapping
    await expect(dryRunImport(t.ctx, { file, mapping: withoutContent })).rejects.toThrow('请为“反映问题”指定表格中的列')
    await expect(dryRunImport(t.ctx, { file, mapping: { ...mapping, phone: '手机号码' } })).rejects.toThrow(
      '“联系电话”对应的列“手机号码”在工作表中找不到，请重新选择',
    )
    // By header text or column letter as well as by number.
    const report = await dryRunImport(t.ctx, { file, mapping: { ...mapping, visitorName: '姓名', phone: 'D' } })
    expect(report.counts.imported).toBe(6)
  })
})
