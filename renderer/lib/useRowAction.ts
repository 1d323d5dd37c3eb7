import { App } from 'antd'
import { useState } from 'react'
import { errorMessage } from './errors'

/**
 * A change made from a row of a list (stop, restart, move): the list's buttons wait while it runs,
 * the outcome is a message, and the list is read again either way, since part of it may have landed.
 */
export function useRowAction(reload: () => void) {
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await work()
      message.success(done)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
      reload()
    }
  }
  return { busy, run }
}
