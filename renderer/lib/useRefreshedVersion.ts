import { App } from 'antd'
import { useCallback } from 'react'
import { errorMessage } from './errors'

/**
 * 刷新 in a dialog that edits a whole record, after a save refused as stale: reads the record's
 * version again so that the next save names it. The dialog keeps what was typed; the clerk checks
 * it against what the other clerk saved (the list behind the dialog shows it) and saves again.
 */
export function useRefreshedVersion(read: () => Promise<number>, set: (version: number) => void): () => void {
  const { message } = App.useApp()
  return useCallback(() => {
    read().then(
      (version) => {
        set(version)
        void message.info('已读取最新记录，您填写的内容仍保留：请核对后再保存')
      },
      (e: unknown) => void message.error(errorMessage(e)),
    )
  }, [read, set, message])
}
