import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'

// Type-only electron import: tests read these constants in plain Node.

/** The renderer is an untrusted web page that only reaches main through the preload's window.api. */
export const secureWebPreferences = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  // Off also because Electron would fetch Hunspell dictionaries from the internet.
  spellcheck: false,
}) satisfies WebPreferences

export const windowSize = Object.freeze({ width: 1366, height: 768, minWidth: 1024, minHeight: 700 })

export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    ...windowSize,
    title: '接待日台账',
    // Shown on ready-to-show so the desk never sees a white flash or half-drawn page.
    show: false,
    backgroundColor: '#f5f5f5',
    webPreferences: { ...secureWebPreferences, preload },
  }
}
