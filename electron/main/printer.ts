import fs from 'node:fs/promises'
import path from 'node:path'
import { app, dialog, type BrowserWindow } from 'electron'
import type { Printer } from '../handlers/types'

// Electron's printToPDF defaults to Letter; bureaus print on A4, and so does the dialog here.
const A4 = 'A4'

export function windowPrinter(getWindow: () => BrowserWindow | null): Printer {
  return {
    print: () =>
      new Promise((resolve, reject) => {
        const win = getWindow()
        if (!win) return resolve(false)
        win.webContents.print({ pageSize: A4, printBackground: true, silent: false }, (success, failureReason) => {
          // Cancelling the system dialog is not an error for the desk.
          if (success || failureReason === 'cancelled') resolve(success)
          else reject(new Error(`打印失败：${failureReason}`))
        })
      }),
    async savePdf(suggestedName, accept) {
      const win = getWindow()
      if (!win) return null
      const choice = await dialog.showSaveDialog(win, {
        title: '存为 PDF',
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
      })
      if (choice.canceled || !choice.filePath) return null
      await accept(choice.filePath)
      const pdf = await win.webContents.printToPDF({ pageSize: A4, printBackground: true, preferCSSPageSize: true })
      await fs.writeFile(choice.filePath, pdf)
      return choice.filePath
    },
  }
}
