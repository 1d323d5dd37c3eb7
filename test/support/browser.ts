import fs from 'node:fs'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { systemActor, type LedgerContext } from '../../db/core/context'
import type { LocalLedger } from '../../db/core/open'
import { listStaff, saveStaff } from '../../db/reference/reference'
import { dispatch } from '../../electron/handlers/dispatch'
import { startBridge, type Bridge, type BridgeOptions } from '../bridge/server'
import { testKeys } from './keys'
import { localOf, TestClock, tempDir } from './temp-ledger'
import { toolPath } from './tools'

export const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts')

const PAGE_TIMEZONE = 'Asia/Shanghai'
const PAGE_UTC_OFFSET_MINUTES = 8 * 60

/**
 * The ledger's clock reads wall time in this process's zone; the page runs in Asia/Shanghai. The
 * instant at which Shanghai's wall clock shows what the ledger's shows, so the two agree on the
 * day and the hour (otherwise a desk at 23:50 would already be tomorrow in the page).
 */
export function pageInstant(ledgerWallTime: Date): Date {
  const d = ledgerWallTime
  const asUtc = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds())
  return new Date(asUtc - PAGE_UTC_OFFSET_MINUTES * 60_000)
}

export interface AppUnderTest {
  page: Page
  context: BrowserContext
  bridge: Bridge
  clock: TestClock
  /** Moves the ledger's clock and the page's together (a desk left open past midnight). */
  setTime(at: string): Promise<void>
  /** The same ledger the screens use, for seeding and for checking what they wrote. */
  ctx: LedgerContext
  screenshot(name: string): Promise<string>
  /** Pass the finished test (afterEach's `t.task`) so a failure leaves evidence behind. */
  close(test?: FinishedTest): Promise<void>
}

export interface AppOptions {
  /** Local 'YYYY-MM-DD HH:mm:ss' for both the ledger's clock and the page's Date. */
  now?: string
  /** Fills the ledger before the page opens; `ledger` is the bridge's own handle (for bulk loads). */
  seed?: (ctx: LedgerContext, clock: TestClock, ledger: LocalLedger) => Promise<void>
  /** An existing ledger file to open instead of a new one in the temporary folder; kept on close. */
  ledgerFile?: string
  /** A server ledger's address (a desk's, test/support/engine-ledger.ts) instead of a file; `seed` is then refused (it takes the file). */
  server?: string
  /** 设置 → 台账's choice file and sealer (BridgeOptions.ledgerChoice). */
  ledgerChoice?: BridgeOptions['ledgerChoice']
  /** Fills a server ledger (or a file) through the ledger code alone, before the page opens. */
  seedLedger?: (ctx: LedgerContext, clock: TestClock) => Promise<void>
  /** Told of every call across the bridge with what it answered (see BridgeOptions.onCall). */
  onCall?: BridgeOptions['onCall']
  /** 1366×768 is the common office PC screen. */
  viewport?: { width: number; height: number }
  /** Windows display scaling: 1.25 with a 1093×614 viewport is a 1366×768 screen at 125 %. */
  deviceScaleFactor?: number
  /** What the main process's open dialog "chooses" (the import screen's 选择文件). */
  importFile?: string
  /**
   * Who has signed in (through operator-select) before the page opens: a name, with the PIN when
   * they have one, or null for nobody. By default the first desk clerk without a PIN, and when the
   * seed made no staff at all, a desk clerk 值班员 added for it: every write needs someone signed
   * in, and most screens are a desk clerk's work.
   */
  onDuty?: { name: string; pin?: string } | null
}

/**
 * The real renderer in a Chromium-family browser (found by support/tools.ts), with window.api
 * served by the real handlers over a real SQLite file through the loopback bridge. Only the IPC
 * transport differs from Electron.
 */
export async function openApp(options: AppOptions = {}): Promise<AppUnderTest> {
  const dir = tempDir('ledger-e2e-')
  const clock = new TestClock(options.now ?? '2026-11-10 09:00:00')
  if (options.server !== undefined && options.seed) throw new Error('seed takes the local file: use seedLedger with a server')
  const bridge = await startBridge({
    ...(options.server !== undefined ? { server: options.server } : { ledgerFile: options.ledgerFile ?? path.join(dir, 'ledger.sqlite') }),
    // This test PC's seal, with the test recovery passphrase should a screen ask for it.
    keys: testKeys(),
    now: clock.now,
    openedAt: clock.peek,
    ...(options.importFile ? { importFile: options.importFile } : {}),
    ...(options.onCall ? { onCall: options.onCall } : {}),
    ...(options.ledgerChoice ? { ledgerChoice: options.ledgerChoice } : {}),
  })
  const ctx: LedgerContext = { db: bridge.state.ledger.db, actor: { ...systemActor, name: '测试准备' }, now: clock.now }
  if (options.seed) await options.seed(ctx, clock, localOf(bridge.state.ledger))
  if (options.seedLedger) await options.seedLedger(ctx, clock)
  await signInBeforeOpening(bridge, ctx, options.onDuty)
  const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: toolPath('browser'),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: options.viewport ?? { width: 1366, height: 768 },
    ...(options.deviceScaleFactor ? { deviceScaleFactor: options.deviceScaleFactor } : {}),
    locale: 'zh-CN',
    timezoneId: PAGE_TIMEZONE,
  })
  // The page's "today" must be the ledger's today, or date defaults would disagree with the rules.
  await context.clock.setFixedTime(pageInstant(TestClock.parse(options.now ?? '2026-11-10 09:00:00')))
  const page = context.pages()[0] ?? (await context.newPage())
  // A missing element fails the test in seconds with a clear locator, not at the test timeout.
  page.setDefaultTimeout(15_000)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(bridge.url)
  await page.getByText('接待日台账').first().waitFor()
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  return {
    page,
    context,
    bridge,
    clock,
    ctx,
    async setTime(at: string) {
      clock.set(at)
      await context.clock.setFixedTime(pageInstant(TestClock.parse(at)))
    },
    async screenshot(name: string) {
      const file = path.join(ARTIFACTS, `${name}.png`)
      await page.screenshot({ path: file })
      return file
    },
    async close(test?: FinishedTest) {
      if (test?.result?.state === 'fail') await leaveEvidence(page, test.name)
      await context.close()
      await bridge.close()
      fs.rmSync(dir, { recursive: true, force: true })
      if (errors.length > 0) throw new Error(`页面脚本出错：${errors.join('；')}`)
    },
  }
}

async function signInBeforeOpening(bridge: Bridge, ctx: LedgerContext, onDuty: AppOptions['onDuty']): Promise<void> {
  if (onDuty === null) return
  if (onDuty === undefined && (await listStaff(bridge.state.ledger.db)).length === 0) await saveStaff(ctx, { name: '值班员', role: 'desk' })
  const staff = await listStaff(bridge.state.ledger.db)
  const person =
    onDuty === undefined ? staff.find((s) => s.active && s.role === 'desk' && !s.hasPin) : staff.find((s) => s.name === onDuty.name)
  if (person === undefined) {
    if (onDuty !== undefined) throw new Error(`no one called ${onDuty.name} to sign in`)
    return
  }
  const signedIn = await dispatch(bridge.state, 'operator-select', { staffId: person.id, ...(onDuty?.pin ? { pin: onDuty.pin } : {}) })
  if (!signedIn.ok) throw new Error(`${person.name} could not sign in: ${signedIn.error.message}`)
}

/** What vitest's afterEach context says about the test that just ran. */
export interface FinishedTest {
  name: string
  result?: { state?: string }
}

/**
 * A failed run on CI leaves only its log, so the log gets what the user would have seen: the
 * messages, field errors and alerts on screen, and the last calls' answers; a screenshot too.
 */
async function leaveEvidence(page: Page, testName: string): Promise<void> {
  const shown = await page
    .locator('.ant-message-notice, .ant-form-item-explain-error, .ant-alert, .ant-modal-title')
    .allInnerTexts()
    .catch((e: unknown) => [`(读取页面失败：${String(e)})`])
  console.error(`[e2e] 「${testName}」失败时页面上显示：${shown.length > 0 ? shown.join(' | ') : '（无提示）'}`)
  const file = path.join(ARTIFACTS, `failed-${testName.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80)}.png`)
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined)
}

/**
 * Before a screenshot: toasts gone, drawers and modals done sliding. The page's clock is fixed and
 * antd times its toasts by it, so both clocks move on a few seconds first.
 */
export async function settle(app: AppUnderTest): Promise<void> {
  app.clock.tick(5)
  await app.context.clock.setFixedTime(pageInstant(app.clock.now()))
  await app.page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined)
  const sliding = "document.getAnimations().some((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity)"
  for (let i = 0; i < 50 && (await app.page.evaluate<boolean>(sliding)); i++) await app.page.waitForTimeout(100)
}
