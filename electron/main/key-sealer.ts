import { BrowserWindow, safeStorage } from 'electron'
import type { Sealer } from '../../db/keys/envelope'
import type { LedgerKeys } from '../../db/keys/keys'

// The app's key provider. safeStorage is Windows DPAPI under the signed-in account: what it
// seals, only that account on that PC unseals, so the app opens the ledger without asking.
// Only on another PC (or account) — a ledger restored there, or a key sealed elsewhere — is the
// recovery passphrase asked for, once: the key is then sealed for this PC too.

export function safeStorageSealer(): Sealer | null {
  if (!safeStorage.isEncryptionAvailable()) return null
  return {
    label: 'safeStorage',
    seal: (secret) => safeStorage.encryptString(secret.toString('base64')).toString('base64'),
    unseal: (sealed) => Buffer.from(safeStorage.decryptString(Buffer.from(sealed, 'base64')), 'base64'),
  }
}

/** The app's keys: this PC's seal, and a passphrase only once the desk has typed it. */
export function appKeys(passphrase: string | null = null): LedgerKeys {
  return { sealer: safeStorageSealer(), passphrase: () => passphrase }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * A small window asking for the recovery passphrase (the typed text never leaves main's
 * memory); null when closed or cancelled. No preload, no Node: the answer comes back through
 * executeJavaScript's promise.
 */
export async function askRecoveryPassphrase(message: string): Promise<string | null> {
  const win = new BrowserWindow({
    width: 520,
    height: 320,
    resizable: false,
    minimizable: false,
    title: '输入恢复口令',
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
  })
  win.setMenu(null)
  const html =
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    '<body style="font-family:\'Microsoft YaHei\',sans-serif;padding:16px;font-size:14px">' +
    `<p>${escapeHtml(message)}</p><form><input id="p" type="password" autofocus style="width:100%;font-size:16px;padding:4px">` +
    '<p><button type="submit">打开台账</button> <button type="button" id="c">取消</button></p></form></body></html>'
  const closed = new Promise<null>((resolve) => win.on('closed', () => resolve(null)))
  await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`)
  const typed: Promise<unknown> = win.webContents.executeJavaScript(
    `new Promise((resolve) => {
      document.forms[0].onsubmit = (e) => { e.preventDefault(); resolve(document.getElementById('p').value) }
      document.getElementById('c').onclick = () => resolve(null)
    })`,
    true,
  )
  const answer = await Promise.race([typed, closed])
  if (!win.isDestroyed()) win.close()
  return typeof answer === 'string' && answer !== '' ? answer : null
}
