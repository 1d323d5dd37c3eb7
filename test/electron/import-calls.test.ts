import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { getStaff, saveStaff } from '../../db/reference/reference'
import { setStaffPin } from '../../db/staff/operators'
import type { ImportMapping, ImportProgress } from '../../shared/types'
import { dispatch } from '../../electron/handlers/dispatch'
import {
  importBatches,
  importChooseFile,
  importDryRun,
  importInspect,
  importProgress,
  importRun,
  importUndo,
} from '../../electron/handlers/import'
import type { AppState } from '../../electron/handlers/types'
import { appState } from '../support/dispatch'
import { writeMessyXlsx } from '../support/import-fixtures'
import { seededLedgerPerTest } from '../support/ledger-hooks'
import { actorOf, bySupervisor, tableCounts, type Fixture, type TestLedger } from '../support/temp-ledger'

// The import calls as the 设置 → 导入 screen makes them: choose a file through main's dialog,
// inspect it, dry-run, import with a progress bar, list and undo batches.

let t: TestLedger
let f: Fixture
let state: AppState
let file: string
let chosen: string | null

seededLedgerPerTest('2023-05-10 09:00:00', (s) => ({ t, f } = s))
beforeEach(async () => {
  file = await writeMessyXlsx(path.join(t.dir, 'messy.xlsx'))
  chosen = file
  state = appState(t, actorOf(f.desk), { chooseOpenPath: async () => chosen })
})

async function signInSupervisor(): Promise<void> {
  const boss = await saveStaff(bySupervisor(t, f), { name: '刘主任', role: 'supervisor' })
  await setStaffPin({ ...t.ctx, actor: actorOf(boss) }, { staffId: boss.id, pin: '2468' })
  state.operator = actorOf(await getStaff(t.ctx.db, boss.id))
}

async function guessedMapping(): Promise<ImportMapping> {
  const inspection = await importInspect(state, { file })
  return inspection.sheets.find((s) => s.name === inspection.defaultSheet)?.mapping ?? {}
}

describe('import calls', () => {
  it('reads only a file chosen in main’s open dialog', async () => {
    const before = await dispatch(state, 'import-inspect', { file })
    expect(before).toEqual({ ok: false, error: { code: 'import_file', message: '请先点击“选择文件”，选择要导入的表格' } })
    expect(await importChooseFile(state, {})).toEqual({ file, fileName: 'messy.xlsx' })
    const after = await dispatch(state, 'import-inspect', { file })
    expect(after.ok).toBe(true)
    chosen = null
    expect(await importChooseFile(state, {})).toBeNull()
    const { chooseOpenPath: _dialog, ...windowless } = state
    await expect(importChooseFile(windowless, {})).rejects.toThrow('当前环境无法选择文件')
  })

  it('dry-runs for anyone, imports and undoes only for a supervisor', async () => {
    await importChooseFile(state, {})
    const mapping = await guessedMapping()
    const report = await importDryRun(state, { file, mapping })
    expect(report.counts.imported).toBe(6)
    const before = await tableCounts(t)
    const refused = await dispatch(state, 'import-run', { file, mapping, skipBad: true })
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: '导入台账须由负责人本人输入 PIN 登录后操作' } })
    expect(await tableCounts(t)).toEqual(before)

    await signInSupervisor()
    const done = await importRun(state, { file, mapping, skipBad: true, location: '局一楼接待室' })
    expect(done).toMatchObject({ batchId: 1, skipped: 3 })
    const location = await t.ctx.db.selectFrom('sessions').select('location').distinct().execute()
    expect(location).toEqual([{ location: '局一楼接待室' }])
    expect(await importProgress(state, {})).toEqual({ running: false, done: 7, total: 7 })
    const [batch] = await importBatches(state, {})
    expect(batch).toMatchObject({ id: 1, fileName: 'messy.xlsx', actorName: '刘主任', rowsImported: 6 })
    expect(await importUndo(state, { batchId: 1 })).toMatchObject({ batchId: 1, visits: 6 })
  })

  it('answers the progress poll while a long import runs, and refuses a second import meanwhile', async () => {
    await signInSupervisor()
    const rows = Array.from({ length: 60 }, (_, i) => [
      i + 1,
      `2023-03-${String(1 + (i % 28)).padStart(2, '0')}`,
      `来访人${i + 1}`,
      `1380000${String(1000 + i)}`,
      null,
      null,
      '大气',
      `第 ${i + 1} 件反映`,
      null,
      null,
      null,
      null,
      null,
      1,
      '群众',
    ])
    const big = await writeMessyXlsx(path.join(t.dir, 'big.xlsx'), rows)
    chosen = big
    await importChooseFile(state, {})
    const inspection = await importInspect(state, { file: big })
    const mapping = inspection.sheets.find((s) => s.name === inspection.defaultSheet)?.mapping ?? {}

    const running = importRun(state, { file: big, mapping })
    const seen: ImportProgress[] = []
    let second: { ok: boolean } | null = null
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      const p = await importProgress(state, {})
      seen.push(p)
      if (p.running && second === null) second = await dispatch(state, 'import-run', { file: big, mapping })
      if (!p.running && p.total > 0) break
    }
    const done = await running
    expect(done.counts.imported).toBe(60)
    expect(seen.some((p) => p.running && p.done > 0 && p.done < p.total && p.total === 60)).toBe(true)
    expect(seen.at(-1)).toEqual({ running: false, done: 60, total: 60 })
    expect(second).toEqual({ ok: false, error: { code: 'busy', message: '上一次导入尚未完成，请稍候' } })
  })

  it('refuses a mapping with an unknown field or a column number of 0 at the boundary', async () => {
    await importChooseFile(state, {})
    const unknown = await dispatch(state, 'import-dry-run', { file, mapping: { 日期: 2 } })
    expect(unknown.ok).toBe(false)
    const zero = await dispatch(state, 'import-dry-run', { file, mapping: { date: 0 } })
    expect(zero.ok).toBe(false)
    const missing = await dispatch(state, 'import-dry-run', { file, mapping: { date: 2 } })
    expect(missing).toEqual({ ok: false, error: { code: 'import_mapping', message: '请为“来访人”、“反映问题”指定表格中的列' } })
  })
})
