import { Alert } from 'antd'
import { useState } from 'react'
import { api } from '../api'
import { prefetchable } from '../lib/prefetch'
import { useQuery } from '../lib/useQuery'

/** Started with the window when it opens on the desk (pages/today/first-calls.ts). */
export const calendarNotice = prefetchable((_: null) => api.holidayStatus({}))

/**
 * From 1 November while next year's holiday arrangement is not entered: one notice, on the desk's
 * start page and in 设置 → 节假日 (the ledger decides when; db/calendar/arrangement.ts).
 */
export function CalendarNotice({ version = 0, closable = false }: { version?: number; closable?: boolean }) {
  const status = useQuery(() => calendarNotice.load(null), [version])
  const [closed, setClosed] = useState(false)
  const notice = status.data?.notice
  if (!notice || closed) return null
  return (
    <Alert
      type="warning"
      showIcon
      title="下一年放假安排尚未录入"
      description={notice}
      style={{ marginBottom: 12 }}
      role="status"
      // On the desk it may be put away for the day's work; 设置 → 节假日 always says it.
      closable={closable ? { onClose: () => setClosed(true), 'aria-label': '关闭提示' } : false}
    />
  )
}
