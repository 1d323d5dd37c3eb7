import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { commandLineTestKeys } from '../support/keys'
import { openLedger } from '../../db/core/open'
import { ledgerCli } from '../support/cli'
import { writeMessyXlsx } from '../support/import-fixtures'
import { tempDir } from '../support/temp-ledger'

// `npm run ledger -- import …` as IT staff run it. The messy sheet's dates are in 2023, so the
// real clock of the child process is always after them.

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function setUp() {
  const dir = tempDir('ledger-import-cli-')
  dirs.push(dir)
  const sheet = await writeMessyXlsx(path.join(dir, '台账.xlsx'))
  const mapping = path.join(dir, 'mapping.json')
  // By header text, as someone would write it by hand; 序号 left out.
  fs.writeFileSync(
    mapping,
    JSON.stringify({
      date: '来访日期',
      visitorName: '姓名',
      phone: '联系电话',
      organization: '单位名称',
      creditCode: '统一社会信用代码',
      category: '问题类别',
      content: '反映问题',
      answer: '答复意见',
      department: '承办股室',
      result: '办理结果',
      resolvedDate: '办结日期',
      callback: '回访情况',
      headcount: 14,
      kind: 'O',
    }),
  )
  return { db: path.join(dir, 'ledger.sqlite'), sheet, mapping }
}

async function batchCount(db: string): Promise<number> {
  const ledger = await openLedger(db, { keys: commandLineTestKeys })
  try {
    const rows = await ledger.db.selectFrom('import_batches').select('id').execute()
    return rows.length
  } finally {
    await ledger.close()
  }
}

describe('ledger import on the command line', { timeout: 120_000 }, () => {
  it('inspects a sheet: header row, columns and the mapping it guessed', async () => {
    const { sheet } = await setUp()
    const out = await ledgerCli('import-inspect', '--in', sheet)
    expect(out.code).toBe(0)
    expect(out.stdout).toContain('工作表“2023年台账”（默认）：表头在第 3 行，数据 10 行，标题年份 2023')
    expect(out.stdout).toContain('C（第 3 列）来访人信息 / 姓名 → 来访人（visitorName）')
    expect(out.stdout).toContain('"date":2')
  })

  it('prints the dry-run report in Chinese and writes nothing', async () => {
    const { db, sheet, mapping } = await setUp()
    const out = await ledgerCli('import', '--db', db, '--in', sheet, '--mapping', mapping, '--dry-run')
    expect(out.code).toBe(0)
    expect(out.stdout).toContain('试导入（未写入台账）：台账.xlsx · 工作表“2023年台账”')
    expect(out.stdout).toContain('将导入 6 行（2023-03）')
    expect(out.stdout).toContain(
      '来访登记 6 条，7 人次；咨询 1 件；受理问题 5 个（已受理 1，已交办 1，办理中 1，已销号 1，重新办理 1）；回访 2 次',
    )
    expect(out.stdout).toContain('第 14 行：与本文件第 4 行相同，未重复导入')
    expect(out.stdout).toContain('第 7 行（F 统一社会信用代码）：统一社会信用代码校验不通过，请核对：91350100M000100Y44')
    expect(out.stdout).toContain('第 12 行（B 来访日期）：日期不存在：2023-02-30')
    expect(out.stdout).toContain('结论：有 3 行无法读取')
    expect(await batchCount(db)).toBe(0)
  })

  it('refuses to import a sheet with unreadable rows (exit 1), imports with --skip-bad, lists and undoes the batch', async () => {
    const { db, sheet, mapping } = await setUp()
    const refused = await ledgerCli('import', '--db', db, '--in', sheet, '--mapping', mapping)
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain('未导入：有 3 行无法读取（第 7、12、13 行）')
    expect(await batchCount(db)).toBe(0)

    const done = await ledgerCli('import', '--db', db, '--in', sheet, '--mapping', mapping, '--skip-bad', '--location', '局一楼接待室')
    expect(done.code).toBe(0)
    expect(done.stdout).toContain('已导入：台账.xlsx · 工作表“2023年台账”（导入批次 1）')
    expect(done.stdout).toContain('无法读取（已跳过） 3 行')
    expect(done.stdout).toContain('import-undo --db 台账文件 --batch 1')

    const summary = await ledgerCli('summary', '--db', db, '--month', '2023-03', '--json')
    expect(JSON.parse(summary.stdout)).toMatchObject({ sessions: 6, personTimes: 7, consultations: 1, issuesAccepted: 5 })

    const batches = await ledgerCli('import-batches', '--db', db)
    expect(batches.stdout).toMatch(
      /^批次 1 {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} {2}命令行 {2}台账\.xlsx · 2023年台账：导入 6 行（来访 6 条，问题 5 个，咨询 1 件），跳过 3 行，重复 1 行\n$/,
    )

    const undone = await ledgerCli('import-undo', '--db', db, '--batch', '1')
    expect(undone.code).toBe(0)
    expect(undone.stdout).toContain('已撤销导入批次 1：作废来访登记 6 条（原因“撤销导入批次 1”），其中问题 5 个随之退出台账和统计')
    const after = await ledgerCli('summary', '--db', db, '--month', '2023-03', '--json')
    expect(JSON.parse(after.stdout)).toMatchObject({ sessions: 0, personTimes: 0, issuesAccepted: 0 })
  })

  it('explains bad arguments and exits 2', async () => {
    const { db, sheet } = await setUp()
    const noFile = await ledgerCli('import', '--db', db, '--in', path.join(path.dirname(sheet), '没有这个文件.xlsx'))
    expect(noFile.code).toBe(2)
    expect(noFile.stderr).toContain('要导入的文件不存在')
    const badMapping = path.join(path.dirname(sheet), 'bad.json')
    fs.writeFileSync(badMapping, JSON.stringify({ 日期: '来访日期' }))
    const unknown = await ledgerCli('import', '--db', db, '--in', sheet, '--mapping', badMapping)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('映射文件中有未知的字段：日期')
    const noBatch = await ledgerCli('import-undo', '--db', db)
    expect(noBatch.code).toBe(2)
  })
})
