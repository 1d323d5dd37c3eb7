import path from 'node:path'
import { app, BrowserWindow, dialog, Menu, session } from 'electron'
import { systemActor } from '../../db/context'
import type { AppState } from '../handlers/types'
import { denyPermissions, guardContents } from './guard-contents'
import { registerIpc } from './ipc'
import { chooseLedgerFile } from './ledger-file'
import { openChosenLedger } from './open-ledger'
import { pageUrl, rendererPage } from './renderer-page'
import { mainWindowOptions } from './window-options'

// Ledger file: `--ledger=PATH` on the command line, else env LEDGER_FILE, else
// <userData>/ledger.sqlite. Details in ./ledger-file.ts and the README.

const mainDir = import.meta.dirname
const page = rendererPage({
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
  isPackaged: app.isPackaged,
  mainDir,
})

let mainWindow: BrowserWindow | null = null
let state: AppState | null = null
let ledgerClosed = false

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

  const choice = chooseLedgerFile(process.argv, process.env, app.getPath('userData'), process.cwd())
  try {
    const ledger = await openChosenLedger(choice)
    state = { ledger, operator: systemActor, appVersion: app.getVersion(), now: () => new Date() }
  } catch (e) {
    dialog.showErrorBox('无法打开台账', e instanceof Error ? e.message : String(e))
    ledgerClosed = true
    app.quit()
    return
  }

  registerIpc(state, page)
  mainWindow = createMainWindow()
}

// A second launch (double-clicked shortcut) must not open the same ledger twice: it hands
// over to the running window and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', focusMainWindow)
  app.on('web-contents-created', (_event, contents) => guardContents(contents, page))
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', (event) => {
    if (ledgerClosed || !state) return
    // Close the ledger cleanly (checkpoints the WAL) before the process goes away.
    event.preventDefault()
    state.ledger
      .close()
      .catch((e: unknown) => console.error('关闭台账时出错', e))
      .finally(() => {
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
