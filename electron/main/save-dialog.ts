import path from 'node:path'
import { app, dialog, type BrowserWindow } from 'electron'
import type { ChooseSavePath } from '../handlers/types'

/** Exports ask where to save with the system dialog, starting in 文档 with the suggested name. */
export function saveDialog(getWindow: () => BrowserWindow | null): ChooseSavePath {
  return async (suggestedName, filters) => {
    const options = { title: '导出', defaultPath: path.join(app.getPath('documents'), suggestedName), filters }
    const win = getWindow()
    const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
    return choice.canceled || !choice.filePath ? null : choice.filePath
  }
}
