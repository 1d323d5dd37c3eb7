import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openLedger } from '../db/open'
import { openSession, planSession } from '../db/sessions'
import { registerVisit } from '../db/visits'
import { openApp } from '../test/support/browser'
import { walkDirectory, walkLedger } from '../test/support/ledger-walk'
import { generateLedger } from './generate'
const withSession = process.argv.includes('--session')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diag-'))
const file = path.join(dir, 'l.sqlite')
const l = await openLedger(file)
const made = await generateLedger(l, { scale: 1 })
if (withSession) {
  let t = new Date(`${made.today}T09:00:00`).getTime()
  const ctx = { db: l.db, actor: { id: made.deskStaff.id, name: made.deskStaff.name, role: 'desk' as const }, now: () => new Date((t += 1000)) }
  const s = await planSession(ctx, { date: made.today, kind: 'enterprise', location: 'x' })
  await openSession(ctx, s.id)
  l.sqlite.pragma('synchronous = OFF')
  for (let i = 0; i < 1300; i++) await registerVisit(ctx, { sessionId: s.id, visitor: { name: '张三', phone: '13812345678', kind: 'enterprise' }, organization: { name: '青山化工' }, headcount: 1, matters: [{ type: 'consultation', categoryId: 8, content: '排污许可', answer: '已答复' }, { type: 'issue', categoryId: 1, content: '异味', place: '城东' }] })
}
const app = await openApp({ ledgerFile: file, now: `${made.today} 09:00:00` })
const t0 = new Map<string, number>()
app.page.on('request', (r) => { t0.set(r.url() + (r.postData() ?? ''), performance.now()) })
app.page.on('requestfinished', (r) => {
  const s = t0.get(r.url() + (r.postData() ?? ''))
  if (s !== undefined) console.log(`   ${(performance.now() - s).toFixed(0).padStart(6)} ms ${r.url().replace(app.bridge.url, '/')} ${(r.postData() ?? '').slice(0, 80)}`)
})
const page = app.page
for (let i = 0; i < 3; i++) {
  await page.goto('about:blank'); await page.goto(app.bridge.url)
  await page.getByRole('menuitem', { name: '问题台账' }).waitFor()
  await page.waitForLoadState('networkidle')
  const rows = await page.locator('tr.ant-table-row').count()
  const dom = await page.evaluate<number>('document.getElementsByTagName("*").length')
  let t = performance.now()
  await page.getByRole('menuitem', { name: i === 2 ? '回访' : '问题台账' }).click()
  const clicked = performance.now() - t
  await page.getByRole('heading', { name: i === 2 ? '回访' : '问题台账' }).waitFor()
  const h = performance.now() - t
  if (i < 2) {
    await page.locator('.issue-table tbody tr.ant-table-row').first().waitFor()
    const r1 = performance.now() - t
    await page.locator('.issue-table tbody tr.ant-table-row').nth(19).waitFor()
    const r20 = performance.now() - t
    await page.locator('.issue-table .ant-spin-spinning').waitFor({ state: 'detached' })
    const sp = performance.now() - t
    await page.getByText(/共 \d+ 个问题/).waitFor()
    console.log(`  row1 ${r1.toFixed(0)} row20 ${r20.toFixed(0)} spin ${sp.toFixed(0)} total ${(performance.now() - t).toFixed(0)}`)
  }
  console.log(`desk rows ${rows}, dom ${dom}; click returned ${clicked.toFixed(0)} ms, heading ${h.toFixed(0)} ms`)
}
await app.close()
await l.close()
fs.rmSync(dir, { recursive: true, force: true })
