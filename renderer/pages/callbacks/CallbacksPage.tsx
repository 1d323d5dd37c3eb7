import { Alert, App, Card, Typography } from 'antd'
import { useState } from 'react'
import type { IssueDetail, IssueListItem } from '../../../electron/contract/types'
import { api } from '../../api'
import { SATISFACTION } from '../../lib/labels'
import { useQuery } from '../../lib/useQuery'
import { CallbackModal } from './CallbackModal'
import { DueTable } from './DueTable'
import { ToCloseTable } from './ToCloseTable'

/** The most resolved issues looked at for 待销号: a bureau rarely has more waiting than this. */
const RESOLVED_LIMIT = 500

/** 回访: resolved issues waiting for a call, and those called back satisfied waiting for 销号. */
export default function CallbacksPage() {
  const { message } = App.useApp()
  const lists = useQuery(async () => {
    const [due, resolved] = await Promise.all([api.callbackDue({}), api.issueList({ status: ['resolved'], sort: 'resolvedDate', order: 'asc', pageSize: RESOLVED_LIMIT })])
    // Resolved and not waiting for a call means the last call was 满意 or 基本满意.
    const waiting = new Set(due.map((r) => r.id))
    return { due, toClose: resolved.rows.filter((r) => !waiting.has(r.id)) }
  }, [])
  const [calling, setCalling] = useState<IssueListItem | null>(null)

  const saved = (d: IssueDetail) => {
    setCalling(null)
    const s = d.lastSatisfaction ? SATISFACTION[d.lastSatisfaction] : ''
    if (d.status === 'reopened') message.warning(`${d.number} 回访${s}，已转为重新办理`)
    else message.success(`${d.number} 回访${s}，可以销号`)
    lists.reload()
  }

  return (
    <>
      <Typography.Title level={4} style={{ margin: '0 0 8px' }}>
        回访
      </Typography.Title>
      {lists.error && <Alert type="error" showIcon title={lists.error} style={{ marginBottom: 12 }} />}
      <Card size="small" title={`待回访（${lists.data?.due.length ?? 0} 个，办结最早的在前）`} style={{ marginBottom: 16 }}>
        <DueTable rows={lists.data?.due ?? []} loading={lists.loading} onCall={setCalling} />
      </Card>
      <Card size="small" title={`已回访满意、待销号（${lists.data?.toClose.length ?? 0} 个）`}>
        <ToCloseTable rows={lists.data?.toClose ?? []} loading={lists.loading} onClosed={lists.reload} />
      </Card>
      <CallbackModal issue={calling} onSaved={saved} onCancel={() => setCalling(null)} />
    </>
  )
}
