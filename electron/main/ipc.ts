import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import type { Envelope } from '../contract/define'
import { registerAll, rejectDuplicates } from '../handlers/register'
import type { AppState } from '../handlers/types'
import { isOwnPage, type RendererPage } from './renderer-page'

const foreignSender: Envelope<never> = {
  ok: false,
  error: { code: 'forbidden', message: '拒绝来自非本程序页面的调用' },
}

function senderUrl(event: IpcMainInvokeEvent): string {
  try {
    return event.senderFrame?.url ?? ''
  } catch {
    // A frame that navigated away or closed mid-call throws on access: treat it as foreign.
    return ''
  }
}

/** Every contract channel on ipcMain, answering only the app's own page. */
export function registerIpc(state: AppState, page: RendererPage): void {
  const register = rejectDuplicates((channel, invoke) => {
    ipcMain.handle(channel, async (event, input: unknown) => {
      const url = senderUrl(event)
      if (!isOwnPage(page, url)) {
        console.warn(`拒绝调用 ${channel}：来源页面 ${url || '未知'}`)
        return foreignSender
      }
      return invoke(input)
    })
  })
  registerAll(register, state)
}
