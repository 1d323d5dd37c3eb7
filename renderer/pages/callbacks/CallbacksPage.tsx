import { Alert, App, Card, Typography } from 'antd'
import { useState } from 'react'
import type { CallbackItem, IssueDetail } from '../../../electron/contract/types'
import { api } from '../../api'
import { SATISFACTION } from '../../lib/labels'
import { usePaged } from '../../lib/usePaged'
import { CallbackModal } from './CallbackModal'
import { DueTable, QUEUE_PAGE_SIZE } from './DueTable'
import { ToCloseTable } from './ToCloseTable'

/** 回访: resolved issues waiting for a call, and those called back satisfied waiting for 销号. */
export default function CallbacksPage() {
  const { message } = App.useApp()
  // Both queues reload after any call or 销号: a satisfied call moves an issue from one to the other.
  const [version, setVersion] = useState(0)
  const changed = () => setVersion((v) => v + 1)
  const due = usePaged(api.callbackDue, [version], QUEUE_PAGE_SIZE)
  const toClose = usePaged(api.callbackToClose, [version], QUEUE_PAGE_SIZE)
  const [calling, setCalling] = useState<CallbackItem | null>(null)

  const saved = (d: IssueDetail) => {
    setCalling(null)
    const s = d.lastSatisfaction ? SATISFACTION[d.lastSatisfaction] : ''
    if (d.status === 'reopened') message.warning(`${d.number} 回访${s}，已转为重新办理`)
    else message.success(`${d.number} 回访${s}，可以销号`)
    changed()
  }

  const error = due.query.error ?? toClose.query.error
  return (
    <>
      <Typography.Title level={4} style={{ margin: '0 0 8px' }}>
        回访
      </Typography.Title>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Card size="small" title={`待回访（${due.query.data?.total ?? 0} 个，办结最早的在前）`} style={{ marginBottom: 16 }}>
        <DueTable queue={due} onCall={setCalling} />
      </Card>
      <Card size="small" title={`已回访满意、待销号（${toClose.query.data?.total ?? 0} 个）`}>
        <ToCloseTable queue={toClose} onClosed={changed} />
      </Card>
      <CallbackModal issue={calling} onSaved={saved} onCancel={() => setCalling(null)} />
    </>
  )
}
