import path from 'node:path'
import { app, BrowserWindow, dialog, Menu, session } from 'electron'
import { signedOut } from '../../db/core/access'
import { systemActor } from '../../db/core/context'
import { seedDefaults } from '../../db/reference/reference'
import { isRestoring } from '../handlers/call-gate'
import type { LedgerHold } from '../../db/core/hold'
import type { AppState } from '../handlers/types'
import { denyPermissions, guardContents } from './guard-contents'
import { registerIpc } from './ipc'
import { chooseLedgerFile } from './ledger-file'
import { dailyBackup, openChosenLedger, type AskRestore } from './open-ledger'
import { pageUrl, rendererPage } from './renderer-page'
import { windowPrinter } from './printer'
import { saveDialog } from './save-dialog'
import { folderDialog, openDialog } from './open-dialog'
import { showStoredFile } from './show-file'
import { clearPlainCopies } from '../../db/attachments/store'
import { viewFolderIn } from '../../db/attachments/view-folder'
import { mainWindowOptions } from './window-options'
import { appKeys, askRecoveryPassphrase, safeStorageSealer } from './key-sealer'
import { openServerLedger, type ServerConfig, type ServerLedger } from '../../db/core/open-server'
import { chooseAtStart, LEDGER_CHOICE_FILE, readLedgerChoice } from '../handlers/ledger-choice'

// Ledger: `--pg URL` on the command line, else env LEDGER_PG (a server); `--ledger=PATH`, else env
// LEDGER_FILE (a file); else 设置 → 台账's saved choice (<userData>/ledger-choice.json), by default
// <userData>/ledger.sqlite. Details in ./ledger-file.ts, ../handlers/ledger-choice.ts and the README.

const mainDir = import.meta.dirname
const page = rendererPage({
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
  isPackaged: app.isPackaged,
  mainDir,
})

let mainWindow: BrowserWindow | null = null
let state: AppState | null = null
let ledgerHold: LedgerHold | null = null
let ledgerClosed = false
let backupTimer: NodeJS.Timeout | null = null
// Until the main window exists, a window closing (the recovery passphrase prompt) must not end the app.
let windowShown = false

const HOUR = 3_600_000

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(path.join(mainDir, '..', 'preload', 'index.cjs')))
  win.once('ready-to-show', () => win.show())
  win.on('closed', () => {
    mainWindow = null
  })
  win.loadURL(pageUrl(page)).catch((e: unknown) => console.error('无法加载界面', e))
  return win
}

function focusMainWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

async function start(): Promise<void> {
  await app.whenReady()
  Menu.setApplicationMenu(null)
  denyPermissions(session.defaultSession, page)

  // 设置 → 台账's saved choice (the file by default), unless the command line or the environment says otherwise.
  const choiceFile = path.join(app.getPath('userData'), LEDGER_CHOICE_FILE)
  let notices: string[] = []
  try {
    const sealer = safeStorageSealer()
    const start = chooseAtStart(process.argv, process.env, readLedgerChoice(choiceFile), sealer)
    if (start.kind === 'server') {
      // As every desk PC opens it: the desk role, nothing built or upgraded; the server keeps its own backups.
      const ledger = await openServerWithRetry(start.target, choiceFile)
      // The office's default lists on a ledger no desk has used yet, as on a new file.
      await seedDefaults({ db: ledger.db, actor: systemActor, now: () => new Date() })
      state = { ledger, operator: signedOut, appVersion: app.getVersion(), now: () => new Date() }
    } else {
      const choice = chooseLedgerFile(process.argv, process.env, app.getPath('userData'), process.cwd())
      const opened = await openChosenLedger(choice, askRestore, {
        keys: appKeys(),
        // Another PC or account: the recovery passphrase, once; the key is then sealed here too.
        retry: async (refusal) => {
          const typed = await askRecoveryPassphrase(`${refusal.message}\n请输入负责人保管的《台账恢复口令单》上的恢复口令：`)
          return typed === null ? null : appKeys(typed)
        },
      })
      notices = opened.recoveryReminder === null ? opened.notices : [...opened.notices, opened.recoveryReminder]
      ledgerHold = opened.hold
      // Nobody is on duty until someone picks themselves (with their PIN): operator-select.
      state = { ledger: opened.ledger, operator: signedOut, appVersion: app.getVersion(), now: () => new Date() }
    }
    state.ledgerChoice = { file: choiceFile, sealer, overridden: start.overridden }
  } catch (e) {
    dialog.showErrorBox('无法打开台账', e instanceof Error ? e.message : String(e))
    ledgerClosed = true
    app.quit()
    return
  }

  state.printer = windowPrinter(() => mainWindow)
  state.chooseSavePath = saveDialog(() => mainWindow)
  state.chooseOpenPath = openDialog(() => mainWindow)
  state.chooseFolder = folderDialog(() => mainWindow)
  state.showStoredFile = showStoredFile
  // A server ledger's local copy: sealed for this PC as well as wrapped by the passphrase typed for it.
  state.localCopyKeys = (passphrase) => appKeys(passphrase)
  // Decrypted copies a viewer was handed last time go at the next start (and at quit).
  state.viewFolder = viewFolderIn(app.getPath('temp'))
  clearPlainCopies(state.viewFolder)
  registerIpc(state, page)
  mainWindow = createMainWindow()
  windowShown = true
  showNotices(notices)
  // The app may stay open past midnight: the first hour of a new day takes that day's copy.
  backupTimer = setInterval(() => {
    // A restore closes the ledger the daily copy would read; the next hour takes it.
    // A server ledger's backups are the server's (IT's pg_dump); a supervisor's 立即备份 keeps a local copy.
    if (!state || ledgerClosed || isRestoring(state) || state.ledger.engine !== 'sqlite') return
    dailyBackup(state.ledger)
      .then(showNotices)
      .catch((e: unknown) => console.error('自动备份出错', e))
  }, HOUR)
}

/**
 * The server may be down or the network cut when the desk starts: say so and offer 重试. Never a
 * quiet fall-back to the local file, which would start a second ledger beside the office's.
 */
async function openServerWithRetry(target: string | ServerConfig, choiceFile: string): Promise<ServerLedger> {
  for (;;) {
    try {
      return await openServerLedger(target)
    } catch (e) {
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: '无法打开台账服务器上的台账',
        message: '无法打开台账服务器上的台账',
        detail:
          `${e instanceof Error ? e.message : String(e)}\n\n` +
          `可检查网络后重试。如需改用本机文件，请由负责人在恢复连接后于 设置 → 台账 更改，或由 IT 人员删除 ${choiceFile}。`,
        buttons: ['重试', '退出'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      })
      if (response !== 0) throw e
    }
  }
}

/** A damaged ledger at start: explain, and restore the newest good backup only if the desk says so. */
const askRestore: AskRestore = async (decision) => {
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: decision.title,
    message: decision.title,
    detail: decision.message,
    buttons: ['从该备份恢复', '退出，不做改动'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  })
  return response === 0
}

function showNotices(notices: readonly string[]): void {
  for (const detail of notices) {
    dialog
      .showMessageBox({ type: 'warning', title: '接待日台账', message: '备份提醒', detail, buttons: ['知道了'], noLink: true })
      .catch((e: unknown) => console.error(e))
  }
}

// A second launch (double-clicked shortcut) must not open the same ledger twice: it hands
// over to the running window and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', focusMainWindow)
  app.on('web-contents-created', (_event, contents) => guardContents(contents, page))
  app.on('window-all-closed', () => {
    if (windowShown) app.quit()
  })
  app.on('will-quit', (event) => {
    if (backupTimer) clearInterval(backupTimer)
    if (state?.viewFolder) clearPlainCopies(state.viewFolder)
    if (ledgerClosed || !state) return
    // Close the ledger cleanly (checkpoints the WAL) before the process goes away.
    event.preventDefault()
    state.ledger
      .close()
      .catch((e: unknown) => console.error('关闭台账时出错', e))
      .finally(() => {
        ledgerHold?.release()
        ledgerClosed = true
        app.quit()
      })
  })
  start().catch((e: unknown) => {
    console.error(e)
    dialog.showErrorBox('接待日台账无法启动', e instanceof Error ? e.message : String(e))
    app.exit(1)
  })
}
