import { app, dialog, type BrowserWindow, type OpenDialogOptions } from 'electron'
import type { ChooseFolder, ChooseOpenPath } from '../handlers/types'

/** Import asks which file to read with the system dialog, starting in 文档. */
export function openDialog(getWindow: () => BrowserWindow | null): ChooseOpenPath {
  return async (filters) => {
    const options: OpenDialogOptions = {
      title: '选择要导入的台账',
      defaultPath: app.getPath('documents'),
      filters,
      properties: ['openFile'],
    }
    const win = getWindow()
    const choice = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
    return choice.canceled ? null : (choice.filePaths[0] ?? null)
  }
}

/** The backup folder is chosen here, never typed: the dialog starts in 文档 and may create a folder. */
export function folderDialog(getWindow: () => BrowserWindow | null): ChooseFolder {
  return async (title) => {
    const options: OpenDialogOptions = {
      title,
      defaultPath: app.getPath('documents'),
      properties: ['openDirectory', 'createDirectory', 'promptToCreate', 'dontAddToRecent'],
    }
    const win = getWindow()
    const choice = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
    return choice.canceled ? null : (choice.filePaths[0] ?? null)
  }
}
